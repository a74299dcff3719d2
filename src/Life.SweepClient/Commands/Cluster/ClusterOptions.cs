using System.CommandLine;
using Life.Grains.Cluster;
using Microsoft.Extensions.Configuration;

namespace Life.SweepClient.Commands.Cluster;

/// <summary>
/// The cluster setting every cluster command takes: <c>--postgres</c>, else <c>LIFE_POSTGRES</c>
/// from the environment, else the same key in ./appsettings.json, else the loopback server of
/// deploy/local-cluster.sh. The client finds the silos through the membership table there.
/// </summary>
internal sealed class ClusterOptions
{
    public Option<string?> Postgres { get; } = new("--postgres") { Description = $"Npgsql connection string (default: {ClusterSettings.PostgresKey} or appsettings.json)" };

    public void AddTo(Command command) => command.Options.Add(Postgres);

    public ClusterSettings Read(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        return ClusterSettings.From(parse.GetValue(Postgres) ?? configuration[ClusterSettings.PostgresKey]);
    }
}
