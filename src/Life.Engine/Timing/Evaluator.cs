using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.Engine.Timing;

/// <summary>
/// Turns an <see cref="OperatorTable"/>, a device and a workload into <see cref="Metrics"/> with
/// arithmetic only: no allocation, no strings, no LINQ. Prefill is one step (or a run of equal chunks
/// and a remainder); decode is the run of steps from context <c>input</c> on. Within a run every
/// operator's counts are affine in the step index (runs are split where an attention window starts
/// to cap the keys), so each operator's time over the run is a closed-form sum
/// (<see cref="AffineSums.SumOfMax"/>), never a loop over tokens.
/// </summary>
public static class Evaluator
{
    public static Metrics Evaluate(OperatorTable table, in HardwareSpec hardware, in Workload workload, RooflineMode mode = RooflineMode.PerOperator) =>
        Evaluate(table, hardware, workload, mode, Deployment.Single);

    public static Metrics Evaluate(OperatorTable table, in HardwareSpec hardware, in Workload workload, RooflineMode mode, in Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (hardware.Buckets is not null)
        {
            return EvaluateBucketed(table, hardware, workload, deployment);
        }

        var capacity = KvCapacity.Of(table, hardware, deployment, workload);
        if (capacity.MaxConcurrency >= 1 && workload.Batch > capacity.MaxConcurrency)
        {
            return ServeInWaves(table, hardware, workload, mode, deployment, (int)capacity.MaxConcurrency);
        }

        var rates = new RooflineRates(hardware, deployment, table.Model);
        double batch = workload.Batch;
        var input = workload.InputTokens;
        var output = workload.OutputTokens;

        var prefill = default(PhaseTotals);
        var chunk = table.Optimizations.ChunkSize;
        var stepTokens = input;
        if (chunk > 0 && chunk < input)
        {
            stepTokens = chunk;
            var chunks = input / chunk;
            EvaluateRun(table, rates, batch, new StepRun(chunk, 0, chunk, chunks), mode, decode: false, ref prefill);
            var remainder = input - chunks * chunk;
            if (remainder > 0)
            {
                EvaluateRun(table, rates, batch, new StepRun(remainder, chunks * (double)chunk, 0, 1), mode, decode: false, ref prefill);
            }
        }
        else
        {
            EvaluateRun(table, rates, batch, new StepRun(input, 0, 0, 1), mode, decode: false, ref prefill);
        }

        // Every device's stage of the prompt, one after another, before the pipeline overlaps them.
        var prefillSequential = prefill.Seconds;
        if (deployment.PipelineParallel > 1)
        {
            prefill.Seconds *= PipelineFactor(chunk > 0 && chunk < input ? (input + chunk - 1) / chunk : 1, deployment);
        }

        if (table.HasSetup)
        {
            var before = prefill.Seconds;
            EvaluateSetup(table, rates, ref prefill);
            prefillSequential += prefill.Seconds - before;
        }

        // The first output token comes from prefill; decode steps produce the rest. With a single
        // output token TPOT is still reported, as the one step that would follow.
        var decodeSteps = Math.Max(output - 1, 1);
        var decode = default(PhaseTotals);
        EvaluateRun(table, rates, batch, new StepRun(1, input, 1, decodeSteps), mode, decode: true, ref decode);

        var ttft = prefill.Seconds;
        var tpot = decode.Seconds / decodeSteps;
        var e2e = ttft + (output - 1) * tpot;
        var totalTokens = batch * (input + output);
        var outputTokens = batch * output;
        var throughput = totalTokens / e2e;

        var kvBytes = batch * table.KvCacheBytes(input + output);
        var memoryBytes = table.WeightBytes + kvBytes + table.ActivationBytes(batch, stepTokens, input);
        var hourly = hardware.HourlyCostUsd * deployment.Devices;
        var roofline = prefill.RooflineSeconds + decode.RooflineSeconds;
        var energy = Energy(hardware, deployment, prefill, prefillSequential, decode, (output - 1) / (double)decodeSteps, e2e);

        return new Metrics
        {
            TtftMs = ttft * 1e3,
            TpotMs = tpot * 1e3,
            E2eMs = e2e * 1e3,
            PerUserTps = 1 / tpot,
            ThroughputTps = throughput,
            OutputTps = outputTokens / e2e,
            PrefillTps = batch * input / ttft,
            DecodeTps = batch / tpot,
            MemoryGB = memoryBytes / 1e9,
            Fits = capacity.ModelFits,
            MaxConcurrency = capacity.MaxConcurrency,
            Waves = 1,
            MemoryPerDeviceGB = capacity.BytesPerDevice / 1e9,
            PrefillOps = prefill.Ops,
            PrefillBytes = prefill.Bytes,
            DecodeBytesPerToken = decode.FirstStepBytes / batch,
            KvCacheGiB = kvBytes / (1024.0 * 1024 * 1024),
            CostPerMTok = hourly / (throughput * 3600) * 1e6,
            EnergyJPerToken = energy / totalTokens,
            CostPerMOutputTokens = hourly * e2e / 3600 / outputTokens * 1e6,
            EnergyJPerOutputToken = energy / outputTokens,
            MeanPowerW = energy / e2e,
            ComputeBoundShare = roofline > 0 ? (prefill.ComputeBoundSeconds + decode.ComputeBoundSeconds) / roofline : 0,
        };
    }

    /// <summary>
    /// Joules of the whole request on all devices (<see cref="BoardPower"/>): idle power over the
    /// end-to-end time plus the dynamic range over the utilization-weighted busy time of prefill and of
    /// the decode steps inside E2E (<paramref name="decodeShare"/> of those timed: none with one output
    /// token). Tensor-parallel devices work together; a layer split's devices one after another, so
    /// each works 1/P of the sequential time and waits, at idle, for the rest.
    /// </summary>
    private static double Energy(in HardwareSpec hardware, in Deployment deployment, in PhaseTotals prefill, double prefillSequential, in PhaseTotals decode, double decodeShare, double e2e)
    {
        var stages = (double)Math.Max(1, deployment.PipelineParallel);
        var computeBound = (prefill.ComputeBoundSeconds + (decodeShare * decode.ComputeBoundSeconds)) / stages;
        var working = (prefillSequential + (decodeShare * decode.Seconds)) / stages;
        return deployment.Devices * BoardPower.EnergyJ(hardware, e2e, BoardPower.BusySeconds(computeBound, working));
    }

    private static Metrics ServeInWaves(OperatorTable table, in HardwareSpec hardware, in Workload workload, RooflineMode mode, in Deployment deployment, int perWave)
    {
        var waves = (workload.Batch + perWave - 1) / perWave;
        var lastCount = workload.Batch - ((waves - 1) * perWave);
        var full = Evaluate(table, hardware, workload with { Batch = perWave }, mode, deployment);
        var last = lastCount == perWave ? full : Evaluate(table, hardware, workload with { Batch = lastCount }, mode, deployment);
        return WaveSchedule.Combine(full, last, workload.Batch, perWave, waves, workload.InputTokens, workload.OutputTokens);
    }

    /// <summary>
    /// A bucketed device (lens-model.md): its profile's measured bucket latencies time the request; the
    /// operator table still gives the memory the model needs, which is the device's. A request the profile
    /// cannot run (input or context past the largest bucket, batch past the largest compiled one) does not
    /// fit: times are NaN, never extrapolated.
    /// </summary>
    private static Metrics EvaluateBucketed(OperatorTable table, in HardwareSpec hardware, in Workload workload, in Deployment deployment)
    {
        double batch = workload.Batch;
        var kvBytes = batch * table.KvCacheBytes(workload.InputTokens + workload.OutputTokens);
        var memoryBytes = table.WeightBytes + kvBytes + table.ActivationBytes(batch, workload.InputTokens, workload.InputTokens);
        var failure = hardware.Buckets!.TryPredict(workload.Batch, workload.InputTokens, workload.OutputTokens, out var prediction);
        var metrics = failure == Lens.PredictionFailure.None
            ? prediction.ToMetrics(workload, hardware)
            : new Metrics
            {
                TtftMs = double.NaN,
                TpotMs = double.NaN,
                E2eMs = double.NaN,
                PerUserTps = double.NaN,
                ThroughputTps = double.NaN,
                OutputTps = double.NaN,
                PrefillTps = double.NaN,
                DecodeTps = double.NaN,
                PrefillOps = double.NaN,
                PrefillBytes = double.NaN,
                DecodeBytesPerToken = double.NaN,
                CostPerMTok = double.NaN,
                EnergyJPerToken = double.NaN,
                CostPerMOutputTokens = double.NaN,
                EnergyJPerOutputToken = double.NaN,
                MeanPowerW = double.NaN,
                ComputeBoundShare = double.NaN,
            };
        var capacity = hardware.MemoryGB * 1e9 * deployment.Devices;
        return metrics with
        {
            MemoryGB = memoryBytes / 1e9,
            KvCacheGiB = kvBytes / (1024.0 * 1024 * 1024),
            Fits = failure == Lens.PredictionFailure.None && (capacity <= 0 || memoryBytes <= capacity),
        };
    }

    /// <summary>
    /// Layer split: the prompt's chunks flow through the P devices as a pipeline. A group of k chunks
    /// takes (k + P − 1) stages of one chunk on one device's share of the layers, instead of k
    /// whole-model chunk times, so its time scales by (k + P − 1) / (k·P); groups run one after
    /// another. One chunk gets no speedup (decode none either).
    /// </summary>
    internal static double PipelineFactor(int chunks, in Deployment deployment)
    {
        var devices = (double)deployment.PipelineParallel;
        var group = deployment.PipelineChunks > 0 ? deployment.PipelineChunks : chunks;
        double stages = 0;
        for (var remaining = chunks; remaining > 0; remaining -= group)
        {
            stages += Math.Min(group, remaining) + devices - 1;
        }

        return stages / (chunks * devices);
    }

    private static void EvaluateRun(OperatorTable table, in RooflineRates rates, double batch, in StepRun run, RooflineMode mode, bool decode, ref PhaseTotals totals)
    {
        var windows = table.Windows;
        if (windows.Length == 0 || run.Count == 1 || run.Stride == 0)
        {
            EvaluateSegment(table, rates, batch, run, 0, run.Count, mode, decode, ref totals);
            return;
        }

        // Split the run where any window starts to cap keys: before that point keys grow with the
        // step, after it they are constant; both sides are affine. Steps straddling the edge (a chunk
        // partly inside the window) are evaluated one by one.
        Span<double> cuts = stackalloc double[2 + (2 * windows.Length)];
        var cutCount = 0;
        cuts[cutCount++] = 0;
        cuts[cutCount++] = run.Count;
        foreach (var window in windows)
        {
            cuts[cutCount++] = Math.Clamp(LastUncapped(run, window) + 1, 0, run.Count);
            cuts[cutCount++] = Math.Clamp(FirstCapped(run, window), 0, run.Count);
        }

        var sorted = cuts[..cutCount];
        sorted.Sort();
        for (var i = 0; i + 1 < sorted.Length; i++)
        {
            var from = (long)sorted[i];
            var to = (long)sorted[i + 1];
            if (to <= from)
            {
                continue;
            }

            if (IsAffine(run, windows, from, to))
            {
                EvaluateSegment(table, rates, batch, run, from, to, mode, decode, ref totals);
            }
            else
            {
                for (var step = from; step < to; step++)
                {
                    EvaluateSegment(table, rates, batch, run, step, step + 1, mode, decode, ref totals);
                }
            }
        }
    }

    /// <summary>Last step index whose every query sees fewer keys than the window (may be negative).</summary>
    private static double LastUncapped(in StepRun run, int window) => Math.Floor((window - run.Tokens - run.FirstPast) / run.Stride);

    /// <summary>First step index whose every query already sees a full window.</summary>
    private static double FirstCapped(in StepRun run, int window) => Math.Ceiling((window - 1 - run.FirstPast) / run.Stride);

    private static bool IsAffine(in StepRun run, ReadOnlySpan<int> windows, long from, long to)
    {
        if (to - from <= 1)
        {
            return true;
        }

        foreach (var window in windows)
        {
            if (!(to - 1 <= LastUncapped(run, window) || from >= FirstCapped(run, window)))
            {
                return false;
            }
        }

        return true;
    }

    private static void EvaluateSegment(OperatorTable table, in RooflineRates rates, double batch, in StepRun run, long from, long to, RooflineMode mode, bool decode, ref PhaseTotals totals)
    {
        var steps = to - from;
        var single = steps == 1;
        var tokens = run.Tokens;
        var pastFirst = run.FirstPast + (from * run.Stride);
        var pastLast = run.FirstPast + ((to - 1) * run.Stride);
        var touched = table.TouchedExperts(batch * tokens);
        var secondsPerByte = rates.SecondsPerByte;
        var gemmScale = rates.GemmScale(batch * tokens);
        var perOperator = mode == RooflineMode.PerOperator;
        var overlap = rates.Overlap;
        double dispatches = 0, computeFirst = 0, computeLast = 0, memoryFirst = 0, memoryLast = 0;
        double time = 0, computeBound = 0, opsSum = 0, bytesSum = 0, firstBytes = 0;

        foreach (ref readonly var op in table.Operators)
        {
            if (op.IsSetup || !op.RunsIn(decode))
            {
                continue;
            }

            var keysFirst = StepShape.Keys(tokens, pastFirst, op.Window);
            var pairsFirst = StepShape.Pairs(tokens, pastFirst, op.Window, op.FullPairs);
            var expertOps = op.ExpertDequantOps * touched;
            var expertBytes = op.ExpertWeightBytes * touched;
            var opsFirst = op.Ops.At(batch, tokens, keysFirst, pairsFirst) + expertOps;
            var bytesFirst = op.Bytes.At(batch, tokens, keysFirst, pairsFirst) + expertBytes;
            double opsLast = opsFirst, bytesLast = bytesFirst;
            var constant = single || !op.VariesWithContext;
            if (!constant)
            {
                var keysLast = StepShape.Keys(tokens, pastLast, op.Window);
                var pairsLast = StepShape.Pairs(tokens, pastLast, op.Window, op.FullPairs);
                opsLast = op.Ops.At(batch, tokens, keysLast, pairsLast) + expertOps;
                bytesLast = op.Bytes.At(batch, tokens, keysLast, pairsLast) + expertBytes;
            }

            var secondsPerOp = rates.SecondsPerOp(op.Precision) * op.ComputeScale * (op.IsGemm ? gemmScale : 1);
            var opSecondsPerByte = secondsPerByte * op.MemoryScale;
            var tcFirst = opsFirst * secondsPerOp;
            var tmFirst = bytesFirst * opSecondsPerByte;
            if (perOperator)
            {
                // max(t_c, t_m) + (1 − overlap) · min(t_c, t_m) = overlap · max + (1 − overlap) · (t_c + t_m).
                if (constant)
                {
                    // The same step over and over: time one, multiply.
                    var bound = tcFirst >= tmFirst;
                    var roof = bound ? tcFirst : tmFirst;
                    time += steps * (overlap == 1 ? roof : (overlap * roof) + ((1 - overlap) * (tcFirst + tmFirst)));
                    computeBound += bound ? steps * tcFirst : 0;
                }
                else
                {
                    var tcLast = opsLast * secondsPerOp;
                    var tmLast = bytesLast * opSecondsPerByte;
                    var roof = AffineSums.SumOfMax(tcFirst, tcLast, tmFirst, tmLast, steps, out var computePart);
                    time += overlap == 1 ? roof : (overlap * roof) + ((1 - overlap) * (tcFirst + tcLast + tmFirst + tmLast) * steps / 2);
                    computeBound += computePart;
                }
            }
            else
            {
                computeFirst += tcFirst;
                computeLast += opsLast * secondsPerOp;
                memoryFirst += tmFirst;
                memoryLast += bytesLast * opSecondsPerByte;
            }

            opsSum += opsFirst + opsLast;
            bytesSum += bytesFirst + bytesLast;
            firstBytes += bytesFirst;
            dispatches += op.Dispatches;
        }

        if (!perOperator)
        {
            // LIFE: decode is memory-bound by assumption; prefill takes the max of the whole-model sums.
            time = decode
                ? (memoryFirst + memoryLast) * steps / 2
                : AffineSums.SumOfMax(computeFirst, computeLast, memoryFirst, memoryLast, steps, out computeBound);
        }

        totals.Seconds += time + (steps * ((dispatches * rates.DispatchSeconds) + rates.CommunicationSeconds(batch * tokens)));
        totals.RooflineSeconds += time;
        totals.ComputeBoundSeconds += computeBound;
        totals.Ops += opsSum * steps / 2;
        totals.Bytes += bytesSum * steps / 2;
        if (from == 0)
        {
            totals.FirstStepBytes += firstBytes;
        }
    }

    private static void EvaluateSetup(OperatorTable table, in RooflineRates rates, ref PhaseTotals totals)
    {
        var setup = table.CountSetup();
        var compute = setup.Ops * rates.SecondsPerOp(Precision.Fp16);
        var memory = setup.Bytes * rates.SecondsPerByte;
        var time = Math.Max(compute, memory);
        totals.Seconds += time + (setup.Dispatches * rates.DispatchSeconds);
        totals.RooflineSeconds += time;
        totals.ComputeBoundSeconds += compute >= memory ? time : 0;
        totals.Ops += setup.Ops;
        totals.Bytes += setup.Bytes;
    }
}
