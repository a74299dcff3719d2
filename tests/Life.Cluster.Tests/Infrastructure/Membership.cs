using System.Globalization;
using Npgsql;

namespace Life.Cluster.Tests.Infrastructure;

/// <summary>What Orleans' membership table and the silos' logs say about a silo's death and its sweep's grain, for the timings the fault tests report.</summary>
internal static class Membership
{
    /// <summary>Orleans' SiloStatus.Dead, as the ADO.NET clustering provider stores it.</summary>
    private const int Dead = 6;

    /// <summary>Polls the membership table until the silo on <paramref name="siloPort"/> is declared dead; when that was seen, or null on timeout.</summary>
    public static async Task<DateTimeOffset?> DeclaredDeadAsync(string postgres, int siloPort, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                await using var connection = new NpgsqlConnection(postgres);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansMembershipTable WHERE Port = @port AND Status = @dead", connection);
                command.Parameters.AddWithValue("port", siloPort);
                command.Parameters.AddWithValue("dead", Dead);
                if ((long)(await command.ExecuteScalarAsync())! > 0)
                {
                    return DateTimeOffset.UtcNow;
                }
            }
            catch (NpgsqlException)
            {
                // The database went away (a test that drops it at its end): no answer.
                return null;
            }

            await Task.Delay(50);
        }

        return null;
    }

    /// <summary>Whether this silo's output says the sweep's grain was active on it.</summary>
    public static bool HostedSweepGrain(ChildProcess silo, string sweepId) =>
        silo.Lines.Any(line => line.Contains($"sweep {sweepId}: grain active on this silo", StringComparison.Ordinal));

    /// <summary>The UTC time life-silo logged the first line containing <paramref name="text"/> (its lines start "yyyy-MM-dd HH:mm:ss.fff"), or null.</summary>
    public static DateTimeOffset? LoggedAt(IEnumerable<ChildProcess> silos, string text)
    {
        DateTimeOffset? first = null;
        foreach (var line in silos.SelectMany(silo => silo.Lines).Where(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (line.Length >= 23 && DateTimeOffset.TryParseExact(line[..23], "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && (first is null || at < first))
            {
                first = at;
            }
        }

        return first;
    }
}
