using Hrm.Node;
using Hrm.Node.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory, // appsettings.json sits beside the binary, whatever the working directory
});

NodeSettings settings;
string token;
try
{
    settings = NodeSettingsLoader.Load(builder.Configuration);
    token = NodeSettingsLoader.ResolveApiToken(settings.Api);
}
catch (InvalidNodeSettingsException e)
{
    await Console.Error.WriteLineAsync("hrm-node: invalid settings: " + e.Message);
    return 2;
}

await using var app = NodeApi.Build(builder, settings, token);
await app.StartAsync();
NodeHost.ArmExitWatchdogOnShutdown(app.Services, settings);
await app.WaitForShutdownAsync();
return NodeHost.ExitCode(app.Services);
