using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

using Life.Sweep.Checkpoints;

namespace Life.Checkpoints;

/// <summary>
/// Retries PostgreSQL calls that failed for a passing reason (connection refused or dropped, server
/// restarting, serialization failure, deadlock) with exponential backoff, for up to
/// <see cref="GiveUpAfter"/>: long enough to ride out a database restart or fail-over.
/// </summary>
public sealed class TransientRetry
{
    private static readonly HashSet<string> TransientStates = new(StringComparer.Ordinal)
    {
        "08000", "08001", "08003", "08004", "08006", "40001", "40P01", "53300", "57P01", "57P02", "57P03",
    };

    private readonly ILogger? _logger;

    public TransientRetry(TimeSpan giveUpAfter, ILogger? logger = null)
    {
        GiveUpAfter = giveUpAfter;
        _logger = logger;
    }

    public static TimeSpan FirstDelay { get; } = TimeSpan.FromMilliseconds(100);

    public static TimeSpan MaxDelay { get; } = TimeSpan.FromSeconds(5);

    public TimeSpan GiveUpAfter { get; }

    /// <summary>Called after each transient failure, before the wait (the store clears its connection pool there).</summary>
    public Action? OnTransientFailure { get; init; }

    public static bool IsTransient(Exception error) => error switch
    {
        PostgresException postgres => postgres.IsTransient || TransientStates.Contains(postgres.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException or TimeoutException,

        // Not a bare IOException: that comes from the file system (the shard's file), not the database.
        _ => false,
    };

    public async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> action, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(action);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellation);
            }
            catch (Exception e) when (IsTransient(e) && !cancellation.IsCancellationRequested && started.Elapsed + delay < GiveUpAfter)
            {
                _logger?.LogWarning("PostgreSQL {Operation} failed (attempt {Attempt}: {Error}); retrying in {Delay} ms", operation, attempt, e.Message, (int)delay.TotalMilliseconds);
                OnTransientFailure?.Invoke();
                await Task.Delay(delay, cancellation);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    public Task RunAsync(string operation, Func<CancellationToken, Task> action, CancellationToken cancellation) =>
        RunAsync(
            operation,
            async token =>
            {
                await action(token);
                return true;
            },
            cancellation);
}
