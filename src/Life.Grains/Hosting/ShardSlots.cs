namespace Life.Grains.Hosting;

/// <summary>
/// The shards this silo evaluates at once (<c>--workers</c>, <c>--concurrency</c>): shard calls
/// beyond it wait here, so a silo never runs more CPU-bound shards than it has cores to give.
/// </summary>
public sealed class ShardSlots : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public ShardSlots(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _slots = new SemaphoreSlim(count, count);
    }

    public int Count { get; }

    public int InUse => Count - _slots.CurrentCount;

    public Task WaitAsync(CancellationToken cancellation) => _slots.WaitAsync(cancellation);

    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
