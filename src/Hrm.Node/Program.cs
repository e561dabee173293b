using Hrm.Node;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory, // appsettings.json sits beside the binary, whatever the working directory
});

NodeSettings settings;
try
{
    settings = NodeSettingsLoader.Load(builder.Configuration);
}
catch (InvalidNodeSettingsException e)
{
    await Console.Error.WriteLineAsync("hrm-node: invalid settings: " + e.Message);
    return 2;
}

NodeHost.Configure(builder, settings);
using var host = builder.Build();
await host.StartAsync();
await host.WaitForShutdownAsync();
return NodeHost.ExitCode(host.Services);
