namespace Life.Sweep.Coordination;

/// <summary>Receives progress from the coordinator (the CLI renders it as a bar or as plain lines).</summary>
public interface ISweepObserver
{
    void OnStarted(SweepProgress progress);

    void OnProgress(SweepProgress progress);

    void OnMessage(string message);
}
