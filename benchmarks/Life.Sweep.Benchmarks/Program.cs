using System.Diagnostics;
using System.Globalization;
using Life.Grains.Embedded;
using Life.Sweep.Coordination;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

// The sweep benchmark: configurations per second end to end (engine + Parquet + checkpoints +
// messaging, as `life-sweep run` does it) beside the engine alone on the same configurations, with
// the same number of workers. Usage: dotnet run -c Release --project benchmarks/Life.Sweep.Benchmarks
//   -- [--workers N] SPEC.yaml...   (default: examples/quickstart.yaml examples/overnight-slice.yaml)
var workers = Environment.ProcessorCount;
var specs = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--workers")
    {
        workers = int.Parse(args[++i], CultureInfo.InvariantCulture);
    }
    else
    {
        specs.Add(args[i]);
    }
}

if (specs.Count == 0)
{
    var root = AppContext.BaseDirectory;
    while (!File.Exists(Path.Combine(root, "LifeSweep.slnx")))
    {
        root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("run from the repository");
    }

    specs.Add(Path.Combine(root, "examples", "quickstart.yaml"));
    specs.Add(Path.Combine(root, "examples", "overnight-slice.yaml"));
}

// Both sides are measured warm (the JIT has tiered up the engine and the writer), in turn, for several
// seconds: a run of the quickstart lasts about a tenth of a second, and on a shared 2-core VM single
// runs vary by 2x. The table gives the median rate of each side; `life-sweep run` prints the cold
// figure of a fresh process.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"spec",-24}{"configurations",16}{"engine-only/s",16}{"end-to-end/s",15}{"ratio",8}{"bytes/row",11}{"runs",6}"));
foreach (var path in specs)
{
    var spec = SweepSpecParser.ParseFile(path, Life.Engine.Catalog.BuiltInCatalog.LoadShipped());
    var space = new SweepSpace(spec);
    var bytesPerRow = 0.0;
    double EndToEnd()
    {
        var output = Path.Combine(Path.GetTempPath(), $"life-sweep-bench-{Guid.NewGuid():N}");
        try
        {
            var clock = Stopwatch.StartNew();
            var summary = EmbeddedSweepRunner.RunAsync(new SweepRunRequest(path, output, workers), new SilentObserver(), CancellationToken.None).GetAwaiter().GetResult();
            var rate = summary.Configurations / clock.Elapsed.TotalSeconds;
            bytesPerRow = Directory.EnumerateFiles(Path.Combine(output, "results")).Sum(f => new FileInfo(f).Length) / (double)summary.Configurations;
            return rate;
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    // The two sides alternate, so both medians sample the same minutes of this VM.
    var (engineRates, endToEndRates) = Alternate(TimeSpan.FromSeconds(8), () => EngineOnly(space, workers), EndToEnd);
    var engineRate = Median(engineRates);
    var endToEnd = Median(endToEndRates);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path),-24}{space.Count,16:N0}{engineRate,16:N0}{endToEnd,15:N0}{endToEnd / engineRate,8:F2}{bytesPerRow,11:F1}{endToEndRates.Count,6}"));
}

// Runs each side once to warm up, then both in turn until `budget` has passed (at least three times each).
static (List<double> First, List<double> Second) Alternate(TimeSpan budget, Func<double> first, Func<double> second)
{
    first();
    second();
    var (a, b) = (new List<double>(), new List<double>());
    var clock = Stopwatch.StartNew();
    while (a.Count < 3 || clock.Elapsed < budget)
    {
        a.Add(first());
        b.Add(second());
    }

    return (a, b);
}

static double Median(List<double> rates)
{
    rates.Sort();
    return rates.Count % 2 == 1 ? rates[rates.Count / 2] : (rates[(rates.Count / 2) - 1] + rates[rates.Count / 2]) / 2;
}

// Every shard evaluated into column buffers by `workers` threads, nothing written: the ceiling.
static double EngineOnly(SweepSpace space, int workers)
{
    var next = -1L;
    var clock = Stopwatch.StartNew();
    var threads = Enumerable.Range(0, workers).Select(_ => Task.Run(() =>
    {
        var evaluator = new ShardEvaluator(space);
        var batch = new ResultBatch(space.Spec, (int)Math.Min(space.ShardSize, space.Count));
        long shard;
        while ((shard = Interlocked.Increment(ref next)) < space.ShardCount)
        {
            var (first, count) = space.Shard(shard);
            evaluator.Evaluate(first, count, batch);
        }
    })).ToArray();
    Task.WaitAll(threads);
    return space.Count / clock.Elapsed.TotalSeconds;
}

internal sealed class SilentObserver : ISweepObserver
{
    public void OnStarted(SweepProgress progress)
    {
    }

    public void OnProgress(SweepProgress progress)
    {
    }

    public void OnMessage(string message)
    {
    }
}
