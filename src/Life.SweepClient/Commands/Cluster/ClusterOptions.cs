using System.CommandLine;
using Life.Grains.Cluster;
using Microsoft.Extensions.Configuration;

namespace Life.SweepClient.Commands.Cluster;

/// <summary>
/// The cluster settings every cluster command takes: <c>--postgres</c> and <c>--rabbitmq</c>, else
/// <c>LIFE_POSTGRES</c> / <c>LIFE_RABBITMQ</c> from the environment, else the same keys in
/// ./appsettings.json, else the loopback servers of deploy/local-cluster.sh.
/// </summary>
internal sealed class ClusterOptions
{
    public Option<string?> Postgres { get; } = new("--postgres") { Description = $"Npgsql connection string (default: {ClusterSettings.PostgresKey} or appsettings.json)" };

    public Option<string?> RabbitMq { get; } = new("--rabbitmq") { Description = $"RabbitMQ amqp:// URI (default: {ClusterSettings.RabbitMqKey} or appsettings.json)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Postgres);
        command.Options.Add(RabbitMq);
    }

    public ClusterSettings Read(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        return ClusterSettings.From(
            parse.GetValue(Postgres) ?? configuration[ClusterSettings.PostgresKey],
            parse.GetValue(RabbitMq) ?? configuration[ClusterSettings.RabbitMqKey]);
    }
}
