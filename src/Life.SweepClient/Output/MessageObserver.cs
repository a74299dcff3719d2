using Life.Grains.Sweeps;
using Life.Sweep.Coordination;

namespace Life.SweepClient.Output;

/// <summary>An observer for commands that show no progress, only the coordinator's messages (shards found broken and redone).</summary>
internal sealed class MessageObserver : ISweepObserver
{
    private readonly TextWriter _output;

    public MessageObserver(TextWriter output)
    {
        _output = output;
    }

    public void OnStarted(SweepProgress progress)
    {
    }

    public void OnProgress(SweepProgress progress)
    {
    }

    public void OnMessage(string message) => _output.WriteLine(message);
}
