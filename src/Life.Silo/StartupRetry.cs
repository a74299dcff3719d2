using Life.Checkpoints;
using Microsoft.Extensions.Logging;

namespace Life.Silo;

/// <summary>
/// The silo's start made again when PostgreSQL went away during it (a restart or fail-over while the
/// silo joins): Orleans' membership, grain storage and reminder providers read the database as the
/// silo starts and do not retry, so a failed start is torn down and made again with backoff
/// (1 s doubling to 10 s) for up to <see cref="GiveUpAfter"/>, one log line per retry. Any other
/// failure, or one past the bound, ends the start as before (exit 1).
/// </summary>
public sealed class StartupRetry
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan _delay = FirstDelay;
    private int _attempt;

    public StartupRetry(ILogger logger)
    {
        _logger = logger;
    }

    /// <summary>The database failure somewhere in <paramref name="error"/> (Orleans wraps the provider's), or null if it is not one that passes.</summary>
    public static Exception? TransientCause(Exception? error)
    {
        while (error is not null)
        {
            if (TransientRetry.IsTransient(error))
            {
                return error;
            }

            if (error is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (TransientCause(inner) is { } cause)
                    {
                        return cause;
                    }
                }

                return null;
            }

            error = error.InnerException;
        }

        return null;
    }

    /// <summary>Whether to start again after <paramref name="error"/>; if so, logs it and waits first.</summary>
    public async Task<bool> ShouldRetryAsync(Exception error, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(error);
        _attempt++;
        if (TransientCause(error) is not { } cause || _clock.Elapsed + _delay > GiveUpAfter)
        {
            return false;
        }

        _logger.LogWarning(
            "silo start failed: PostgreSQL unreachable (attempt {Attempt}: {Error}: {Message}); starting again in {Delay} s",
            _attempt, cause.GetType().Name, OneLine(cause.Message), _delay.TotalSeconds);
        await Task.Delay(_delay, cancellation);
        _delay = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, MaxDelay.Ticks));
        return true;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
