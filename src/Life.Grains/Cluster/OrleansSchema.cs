using Life.Checkpoints;
using Npgsql;

namespace Life.Grains.Cluster;

/// <summary>
/// The tables, functions and <c>OrleansQuery</c> rows that Orleans' ADO.NET clustering, grain
/// storage and reminders need in PostgreSQL (invariant <c>Npgsql</c>). The packages ship no
/// scripts; ours follows the public scripts' contract (table names, query keys, parameters), is
/// idempotent, and runs in one transaction under an advisory lock, so silos and clients starting
/// together apply it once and the others find it there. Applied by life-silo and submit at start.
/// </summary>
public static class OrleansSchema
{
    public const string Invariant = "Npgsql";

    public static string Script { get; } = ReadScript();

    /// <param name="giveUpAfter">How long a restarting or unreachable server is retried (the checkpoint store's rule).</param>
    /// <param name="logger">Where each retry is logged, one line (the server's message, never the connection string).</param>
    public static Task ApplyAsync(string connectionString, CancellationToken cancellation, TimeSpan? giveUpAfter = null, Microsoft.Extensions.Logging.ILogger? logger = null) =>
        new TransientRetry(giveUpAfter ?? TimeSpan.FromMinutes(2), logger).RunAsync("apply the Orleans schema", async token =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(token);
            await using var command = new NpgsqlCommand(Script, connection);
            command.CommandTimeout = 120;
            await command.ExecuteNonQueryAsync(token);
        }, cancellation);

    private static string ReadScript()
    {
        using var stream = typeof(OrleansSchema).Assembly.GetManifestResourceStream("Life.Grains.Cluster.postgres-orleans.sql")
            ?? throw new InvalidOperationException("the Orleans schema script is not embedded in Life.Grains");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
