namespace Life.Grains.Hosting;

/// <summary>
/// The shards this silo evaluates at once (<c>--workers</c>, <c>--concurrency</c>): shard calls
/// beyond it wait here, so a silo never runs more CPU-bound shards than it has cores to give.
/// Waiters are served in order, except that a shard being re-run after its silo died goes ahead of
/// the ordinary queue: it holds up the end of the sweep, and otherwise it would wait behind every
/// call already queued here (up to the sweep grain's in-flight bound).
/// </summary>
public sealed class ShardSlots
{
    private readonly object _gate = new();
    private readonly Queue<TaskCompletionSource> _rerun = new();
    private readonly Queue<TaskCompletionSource> _ordinary = new();
    private int _free;

    public ShardSlots(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _free = count;
    }

    public int Count { get; }

    /// <param name="rerun">A shard called again because the silo running it died: served before ordinary waiters.</param>
    public Task WaitAsync(bool rerun)
    {
        lock (_gate)
        {
            if (_free > 0)
            {
                _free--;
                return Task.CompletedTask;
            }

            // Continuations run off the releasing thread (which holds no lock by then, but may be a shard's).
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (rerun ? _rerun : _ordinary).Enqueue(waiter);
            return waiter.Task;
        }
    }

    public void Release()
    {
        TaskCompletionSource? next;
        lock (_gate)
        {
            if (!_rerun.TryDequeue(out next) && !_ordinary.TryDequeue(out next))
            {
                _free++;
                return;
            }
        }

        next.SetResult();
    }
}
