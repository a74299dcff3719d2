using BenchmarkDotNet.Attributes;
using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.Engine.Benchmarks;

/// <summary>
/// Serving evaluations per second on one core: the steady-state model (one operation = one rate,
/// as a sweep over qps would run it) and the simulator (one operation = 10,000 requests played).
/// </summary>
public class ServingBenchmarks
{
    private const int Rates = 256;
    private readonly ServingWorkload[] _workloads = new ServingWorkload[Rates];
    private readonly BuiltInCatalog _catalog = BuiltInCatalog.LoadShipped();
    private StepCost _cost;

    [GlobalSetup]
    public void Setup()
    {
        var table = OperatorTable.Build(_catalog.ResolveModel("llama-3-8b"), new Optimizations(), _catalog.Defaults);
        _cost = new StepCost(table, _catalog.ResolveHardware("h100-sxm"), Deployment.Single);
        int[] inputs = [128, 512, 2048];
        int[] outputs = [128, 512];
        for (var i = 0; i < Rates; i++)
        {
            _workloads[i] = new ServingWorkload(0.5 + (i % 32), inputs[i / 32 % 3], outputs[i / 96 % 2]);
        }
    }

    [Benchmark(OperationsPerInvoke = Rates)]
    public double SteadyState()
    {
        double sink = 0;
        foreach (ref readonly var workload in _workloads.AsSpan())
        {
            sink += SteadyStateServing.Evaluate(_cost, workload, SchedulerConfig.Default, 1000).TtftP99Ms;
        }

        return sink;
    }

    [Benchmark]
    public double Simulate10kRequests() =>
        ServingSimulator.Run(_cost, new ServingWorkload(20, 512, 128), SchedulerConfig.Default, 1000, 10000, 1).TtftP99Ms;
}
