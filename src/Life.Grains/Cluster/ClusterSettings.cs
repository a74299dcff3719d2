using Life.Engine;
using Npgsql;

namespace Life.Grains.Cluster;

/// <summary>
/// Where a cluster's checkpoints and queue live (interfaces.md, cluster settings): <c>LIFE_POSTGRES</c>
/// (an Npgsql connection string) and <c>LIFE_RABBITMQ</c> (an amqp:// URI), from command-line options,
/// the environment or appsettings.json. Unset, they name the loopback servers of
/// <c>deploy/local-cluster.sh</c>. Only <see cref="Describe"/> may be logged: it drops passwords.
/// </summary>
public sealed record ClusterSettings(string Postgres, Uri RabbitMq)
{
    public const string PostgresKey = "LIFE_POSTGRES";
    public const string RabbitMqKey = "LIFE_RABBITMQ";
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5433;Username=life;Database=life";
    public const string DefaultRabbitMq = "amqp://127.0.0.1:5672/";

    /// <summary>Reads and checks the settings; a malformed one is bad input, named without its secret parts.</summary>
    public static ClusterSettings From(string? postgres, string? rabbitMq)
    {
        postgres = string.IsNullOrWhiteSpace(postgres) ? DefaultPostgres : postgres;
        rabbitMq = string.IsNullOrWhiteSpace(rabbitMq) ? DefaultRabbitMq : rabbitMq;
        try
        {
            _ = new NpgsqlConnectionStringBuilder(postgres).Host ?? throw new ArgumentException("no Host");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new EngineInputException($"{PostgresKey} is not a valid Npgsql connection string ({e.Message})", e);
        }

        if (!Uri.TryCreate(rabbitMq, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
        {
            throw new EngineInputException($"{RabbitMqKey} must be an amqp:// or amqps:// URI, got '{RedactUri(rabbitMq)}'");
        }

        return new ClusterSettings(postgres, uri);
    }

    /// <summary>Both settings with passwords removed, for logs and messages.</summary>
    public string Describe() => $"{PostgresKey}='{RedactPostgres(Postgres)}' {RabbitMqKey}='{RedactUri(RabbitMq.OriginalString)}'";

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

    public static string RedactUri(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.UserInfo))
        {
            return Uri.TryCreate(uri, UriKind.Absolute, out _) ? uri : "(unparsable)";
        }

        var user = parsed.UserInfo.Split(':')[0];
        return new UriBuilder(parsed) { UserName = user, Password = parsed.UserInfo.Contains(':', StringComparison.Ordinal) ? "***" : string.Empty }.Uri.ToString();
    }
}
