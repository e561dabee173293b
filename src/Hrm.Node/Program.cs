using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Hrm.Actors.Hosting;
using Hrm.Actors.Symbol;
using Hrm.Node;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddEnvironmentVariables("HRM__");
var settings = builder.Configuration.GetSection("Hrm").Get<NodeSettings>() ?? new NodeSettings();

builder.Services.AddAkka(settings.ActorSystemName, akka => akka
    .WithHrmSerialization()
    .WithRemoting(settings.Hostname, settings.Port, settings.PublicHostname)
    .WithClustering(new ClusterOptions { SeedNodes = settings.SeedNodes, Roles = settings.Roles })
    .WithHrmPersistence(new JournalSettings(settings.JournalConnectionString, settings.JournalProvider))
    .WithSymbolSharding(new SymbolSettings()));

await builder.Build().RunAsync();
