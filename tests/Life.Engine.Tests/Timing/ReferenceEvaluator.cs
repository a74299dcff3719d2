using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Tests.Timing;

/// <summary>
/// The slow, obviously correct evaluator the closed form is checked against: it walks every prefill
/// chunk and every decode step, counts every operator query by query, and takes the roofline max per
/// operator and step.
/// </summary>
internal static class ReferenceEvaluator
{
    public static (double TtftMs, double TpotMs) Evaluate(OperatorTable table, HardwareSpec hardware, Workload work, RooflineMode mode)
    {
        var chunk = table.Optimizations.ChunkSize;
        double ttft = 0;
        var done = 0;
        while (done < work.InputTokens)
        {
            var tokens = chunk > 0 ? Math.Min(chunk, work.InputTokens - done) : work.InputTokens;
            ttft += Step(table, hardware, work.Batch, tokens, done, mode, decode: false);
            done += tokens;
        }

        if (table.HasSetup)
        {
            var setup = table.CountSetup();
            ttft += Math.Max(setup.Ops / (hardware.ComputeEfficiency * hardware.PeakOpsPerSecond(Precision.Fp16)), setup.Bytes / MemoryRate(hardware))
                + (setup.Dispatches * hardware.DispatchOverheadUs * 1e-6);
        }

        var steps = Math.Max(work.OutputTokens - 1, 1);
        double decode = 0;
        for (var s = 0; s < steps; s++)
        {
            decode += Step(table, hardware, work.Batch, 1, work.InputTokens + s, mode, decode: true);
        }

        return (ttft * 1e3, decode / steps * 1e3);
    }

    private static double MemoryRate(HardwareSpec hardware) => hardware.MemoryEfficiency * hardware.BandwidthGBs * 1e9;

    private static double Step(OperatorTable table, HardwareSpec hardware, int batch, int tokens, int past, RooflineMode mode, bool decode)
    {
        double perOperator = 0, compute = 0, memory = 0, dispatches = 0;
        var touched = table.TouchedExperts((double)batch * tokens);
        foreach (var op in table.Operators)
        {
            if (op.IsSetup || !op.RunsIn(decode))
            {
                continue;
            }

            var keys = Math.Min(past + tokens, op.Window > 0 ? op.Window : int.MaxValue);
            var pairs = op.FullPairs ? tokens * (double)keys : OperatorCounts.CausalPairs(tokens, past, op.Window);
            var ops = op.Ops.At(batch, tokens, keys, pairs) + (op.ExpertDequantOps * touched);
            var bytes = op.BytesRead.At(batch, tokens, keys, pairs) + op.BytesWritten.At(batch, tokens, keys, pairs) + (op.ExpertWeightBytes * touched);
            var rows = (double)batch * tokens;
            var gemm = op.IsGemm && hardware.HalfEfficiencyTokens > 0 ? (rows + hardware.HalfEfficiencyTokens) / rows : 1;
            var tc = ops / (hardware.ComputeEfficiency * hardware.PeakOpsPerSecond(op.Precision)) * op.ComputeScale * gemm;
            var tm = bytes / MemoryRate(hardware) * op.MemoryScale;
            var overlap = hardware.ComputeMemoryOverlap;
            perOperator += (overlap * Math.Max(tc, tm)) + ((1 - overlap) * (tc + tm));
            compute += tc;
            memory += tm;
            dispatches += op.Dispatches;
        }

        var roofline = mode == RooflineMode.PerOperator ? perOperator : decode ? memory : Math.Max(compute, memory);
        return roofline + (dispatches * hardware.DispatchOverheadUs * 1e-6);
    }
}
