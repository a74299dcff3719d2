namespace Life.Silo;

/// <summary>What this silo has done since it started, for health lines and heartbeats (thread-safe counters).</summary>
public sealed class SiloActivity
{
    private long _completed;
    private long _alreadyDone;
    private long _lostRaces;
    private long _skipped;
    private long _failed;
    private long _rows;
    private int _inFlight;

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public long Completed => Interlocked.Read(ref _completed);

    public long AlreadyDone => Interlocked.Read(ref _alreadyDone);

    public long LostRaces => Interlocked.Read(ref _lostRaces);

    public long Skipped => Interlocked.Read(ref _skipped);

    public long Failed => Interlocked.Read(ref _failed);

    public long Rows => Interlocked.Read(ref _rows);

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Begin() => Interlocked.Increment(ref _inFlight);

    public void End() => Interlocked.Decrement(ref _inFlight);

    public void Record(Life.Sweep.Workers.ShardOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case Life.Sweep.Workers.ShardOutcomeKind.Completed:
                Interlocked.Increment(ref _completed);
                Interlocked.Add(ref _rows, outcome.Rows);
                break;
            case Life.Sweep.Workers.ShardOutcomeKind.AlreadyDone:
                Interlocked.Increment(ref _alreadyDone);
                break;
            case Life.Sweep.Workers.ShardOutcomeKind.LostRace:
                Interlocked.Increment(ref _lostRaces);
                break;
            default:
                Interlocked.Increment(ref _skipped);
                break;
        }
    }

    public void RecordFailure() => Interlocked.Increment(ref _failed);
}
