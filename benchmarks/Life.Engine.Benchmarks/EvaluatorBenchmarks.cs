using BenchmarkDotNet.Attributes;
using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Benchmarks;

/// <summary>
/// Configurations evaluated per second on one core: one operation is one full evaluation (prefill,
/// closed-form decode, memory, cost) of a workload against a prebuilt operator table, as a sweep
/// worker runs it. Workloads vary between calls like the innermost sweep dimensions do.
/// </summary>
public class EvaluatorBenchmarks
{
    private const int Configurations = 1024;
    private readonly Workload[] _workloads = new Workload[Configurations];
    private OperatorTable _table = null!;
    private HardwareSpec _hardware;

    [Params("llama-3-8b", "mistral-7b", "mixtral-8x7b")]
    public string Model { get; set; } = "llama-3-8b";

    [Params(0, 512)]
    public int Chunk { get; set; }

    private readonly BuiltInCatalog _catalog = BuiltInCatalog.LoadShipped();

    [GlobalSetup]
    public void Setup()
    {
        _table = OperatorTable.Build(_catalog.ResolveModel(Model), new Optimizations { ChunkSize = Chunk }, _catalog.Defaults);
        _hardware = _catalog.ResolveHardware("h100-sxm");
        int[] batches = [1, 8, 64];
        int[] inputs = [128, 2048, 8192];
        int[] outputs = [128, 512];
        for (var i = 0; i < Configurations; i++)
        {
            _workloads[i] = new Workload(batches[i % 3], inputs[i / 3 % 3], outputs[i / 9 % 2]);
        }
    }

    [Benchmark(OperationsPerInvoke = Configurations)]
    public double Evaluate()
    {
        double sink = 0;
        foreach (ref readonly var workload in _workloads.AsSpan())
        {
            sink += Evaluator.Evaluate(_table, _hardware, workload).TpotMs;
        }

        return sink;
    }
}
