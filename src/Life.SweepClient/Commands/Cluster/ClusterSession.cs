using Life.Checkpoints;
using Life.Grains.Cluster;

namespace Life.SweepClient.Commands.Cluster;

/// <summary>A cluster command's connections: the checkpoint store (opened now) and the Orleans client (connected on first use; status needs none).</summary>
internal sealed class ClusterSession : IAsyncDisposable
{
    private readonly PostgresCheckpointStore _store;
    private readonly ClusterSettings _settings;
    private readonly TimeSpan _giveUpAfter;
    private readonly CancellationToken _cancellation;
    private ClusterClient? _client;

    private ClusterSession(PostgresCheckpointStore store, ClusterSettings settings, TimeSpan giveUpAfter, CancellationToken cancellation)
    {
        _store = store;
        _settings = settings;
        _giveUpAfter = giveUpAfter;
        _cancellation = cancellation;
        Sweeps = new ClusterSweeps(store, ConnectAsync);
    }

    public ClusterSweeps Sweeps { get; }

    /// <param name="giveUpAfter">How long to retry an unreachable database or a cluster with no silo yet (short for status, long for wait).</param>
    /// <param name="connectGiveUpAfter">How long to wait for a silo to answer (default: <paramref name="giveUpAfter"/>).</param>
    public static async Task<ClusterSession> OpenAsync(ClusterSettings settings, TimeSpan giveUpAfter, CancellationToken cancellation, TimeSpan? connectGiveUpAfter = null)
    {
        var store = await PostgresCheckpointStore.OpenAsync(settings.Postgres, null, cancellation, giveUpAfter);
        // The membership table the client reads must exist even before the first silo created it.
        await OrleansSchema.ApplyAsync(settings.Postgres, cancellation, giveUpAfter);
        return new ClusterSession(store, settings, connectGiveUpAfter ?? giveUpAfter, cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        await _store.DisposeAsync();
    }

    private async Task<IGrainFactory> ConnectAsync()
    {
        _client ??= await ClusterClient.ConnectAsync(_settings, _giveUpAfter, _cancellation);
        return _client.Grains;
    }
}
