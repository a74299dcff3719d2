using Life.Engine;
using Npgsql;

namespace Life.Grains.Cluster;

/// <summary>
/// Where a cluster lives (interfaces.md, cluster settings): <c>LIFE_POSTGRES</c>, an Npgsql
/// connection string, from the command line, the environment or appsettings.json. The one database
/// holds Orleans' membership, the sweep grains' state, the reminders and the shard checkpoints.
/// Unset, it names the loopback server of <c>deploy/local-cluster.sh</c>. Only
/// <see cref="Describe"/> may be logged: it drops the password.
/// </summary>
public sealed record ClusterSettings(string Postgres)
{
    public const string PostgresKey = "LIFE_POSTGRES";
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5433;Username=life;Database=life";

    /// <summary>Orleans' cluster and service id: every silo and client of one database is one cluster.</summary>
    public const string ClusterId = "life-sweep";

    /// <summary>Reads and checks the settings; a malformed one is bad input, named without its secret parts.</summary>
    public static ClusterSettings From(string? postgres)
    {
        postgres = string.IsNullOrWhiteSpace(postgres) ? DefaultPostgres : postgres;
        try
        {
            _ = new NpgsqlConnectionStringBuilder(postgres).Host ?? throw new ArgumentException("no Host");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new EngineInputException($"{PostgresKey} is not a valid Npgsql connection string ({e.Message})", e);
        }

        return new ClusterSettings(postgres);
    }

    /// <summary>The settings with the password removed, for logs and messages.</summary>
    public string Describe() => $"{PostgresKey}='{RedactPostgres(Postgres)}'";

    public static string RedactPostgres(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparsable)";
        }
    }
}
