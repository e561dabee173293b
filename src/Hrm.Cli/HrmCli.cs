using System.CommandLine;
using Hrm.Cli.Client;

namespace Hrm.Cli;

/// <summary>The <c>hrm</c> command line: one root with a command per job.</summary>
public static class HrmCli
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("HRM: hierarchical reasoning across macro, meso and micro scales for crypto alpha.")
        {
            BacktestCommand.Create(),
            LookaheadCommand.Create(),
            VpinCommand.Create(),
            OfiCommand.Create(),
            RegimeCommand.Create(),
            AnchorCommand.Create(),
            DiscoverCommand.Create(),
            RecordCommand.Create(),
            SymbolsCommand.Create(),
            SignalsCommand.Create(),
            StatusCommand.Create(),
        };
        var parse = root.Parse(args);
        return ClientCommand.ReportParseErrors(parse) is { } code ? Task.FromResult(code) : parse.InvokeAsync();
    }
}
