using System.Globalization;
using Life.Grains.Sweeps;
using Life.Sweep.Coordination;
using Spectre.Console;

namespace Life.SweepClient.Output;

/// <summary>
/// Shows sweep progress: a live Spectre.Console bar (shards, configurations, rate, ETA) on a terminal,
/// plain periodic lines when the output is redirected or captured.
/// </summary>
internal static class SweepProgressView
{
    public static async Task<SweepSummary> RunAsync(TextWriter output, Func<ISweepObserver, Task<SweepSummary>> run)
    {
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            SweepSummary? summary = null;
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var observer = new BarObserver(context);
                    summary = await run(observer);
                    observer.Complete();
                });
            return summary!;
        }

        return await run(new LineObserver(output));
    }

    private static string Describe(SweepProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"shards {p.ShardsDone:N0}/{p.ShardsTotal:N0}, configurations {p.ConfigsDone:N0}/{p.ConfigsTotal:N0}, {p.ConfigsPerSecond:N0}/s");

    private sealed class BarObserver : ISweepObserver
    {
        private readonly ProgressContext _context;
        private ProgressTask? _task;

        public BarObserver(ProgressContext context)
        {
            _context = context;
        }

        public void OnStarted(SweepProgress progress)
        {
            _task = _context.AddTask(Describe(progress), maxValue: Math.Max(progress.ConfigsTotal, 1));
            _task.Value = progress.ConfigsDone;
        }

        public void OnProgress(SweepProgress progress)
        {
            if (_task is null)
            {
                OnStarted(progress);
            }

            _task!.Description = Markup.Escape(Describe(progress));
            _task.Value = progress.ConfigsDone;
        }

        public void OnMessage(string message) => AnsiConsole.MarkupLine(Markup.Escape(message));

        public void Complete()
        {
            if (_task is not null)
            {
                _task.Value = _task.MaxValue;
                _task.StopTask();
            }
        }
    }

    private sealed class LineObserver : ISweepObserver
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
        private readonly TextWriter _output;
        private TimeSpan? _lastLine;

        public LineObserver(TextWriter output)
        {
            _output = output;
        }

        public void OnStarted(SweepProgress progress) =>
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sweep: {progress.ConfigsTotal:N0} configurations in {progress.ShardsTotal:N0} shards, {progress.ShardsDone:N0} already done"));

        public void OnProgress(SweepProgress progress)
        {
            var finished = progress.ShardsDone == progress.ShardsTotal;
            if (!finished && _lastLine is { } last && progress.Elapsed - last < Interval)
            {
                return;
            }

            _lastLine = progress.Elapsed;
            var percent = progress.ConfigsTotal == 0 ? 100 : 100.0 * progress.ConfigsDone / progress.ConfigsTotal;
            var eta = progress.Remaining is { } left && !finished ? string.Create(CultureInfo.InvariantCulture, $", ETA {left:hh\\:mm\\:ss}") : string.Empty;
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: {percent:F1}% {Describe(progress)}{eta}"));
        }

        public void OnMessage(string message) => _output.WriteLine(message);
    }
}
