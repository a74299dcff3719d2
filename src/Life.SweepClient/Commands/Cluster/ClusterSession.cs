using Life.Checkpoints;
using Life.Sweep.Checkpoints;
using Life.Grains.Cluster;
using Life.Grains.Messaging;

namespace Life.SweepClient.Commands.Cluster;

/// <summary>A cluster command's connections: the checkpoint store (opened now) and the queue (connected on first send).</summary>
internal sealed class ClusterSession : IAsyncDisposable
{
    private readonly PostgresCheckpointStore _store;
    private readonly ClusterShardDispatcher _dispatcher;

    private ClusterSession(PostgresCheckpointStore store, ClusterShardDispatcher dispatcher)
    {
        _store = store;
        _dispatcher = dispatcher;
        Sweeps = new ClusterSweeps(store, dispatcher, ShardRetryPolicy.Default);
    }

    public ClusterSweeps Sweeps { get; }

    /// <param name="giveUpAfter">How long to retry an unreachable database (short for status, long for wait).</param>
    public static async Task<ClusterSession> OpenAsync(ClusterSettings settings, TimeSpan giveUpAfter, CancellationToken cancellation)
    {
        var store = await PostgresCheckpointStore.OpenAsync(settings.Postgres, null, cancellation, giveUpAfter);
        return new ClusterSession(store, new ClusterShardDispatcher(settings));
    }

    public async ValueTask DisposeAsync()
    {
        await _dispatcher.DisposeAsync();
        await _store.DisposeAsync();
    }
}
