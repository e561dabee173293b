return await Hrm.Cli.HrmCli.RunAsync(args);
