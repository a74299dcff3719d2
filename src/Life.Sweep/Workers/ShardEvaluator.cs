using Life.Engine.Operators;
using Life.Engine.Parallel;
using Life.Engine.Serving;
using Life.Engine.Specs;
using Life.Engine.Timing;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;

namespace Life.Sweep.Workers;

/// <summary>
/// Evaluates runs of consecutive configurations into a <see cref="ResultBatch"/>: the hot path of a
/// sweep. Coordinates advance like an odometer; the operator table is looked up only when a table
/// dimension changes, and built once per (model, optimizations) pair and cached. One instance per
/// worker thread (not thread-safe); every row is a pure function of the spec and its config id.
/// </summary>
public sealed class ShardEvaluator
{
    private const int MaxCachedTables = 4096;
    private const int MaxCachedRates = 1 << 16;

    private readonly SweepSpec _spec;
    private readonly SweepSpace _space;
    private readonly DimensionRole[] _roles;
    private readonly Dictionary<long, OperatorTable> _tables = new();
    private readonly int _tableDimensions;
    private readonly bool _hasParallelism;
    private readonly bool _isServing;
    private readonly bool _hasSpeculative;
    private readonly int _qpsDimension = -1;
    private readonly int _disaggregationDimension = -1;
    private readonly int _inputDistDimension = -1;
    private readonly int _outputDistDimension = -1;

    // One template per (input_dist, output_dist) value pair, its spreads worked out here once: a row
    // copies it with its own rate (and, for a fixed side, its own length) and recomputes nothing.
    private readonly ServingWorkload[] _lengths = [];
    private readonly int _outputDistCount = 1;

    // max_qps_at_slo depends on neither batch nor qps: one capacity search per distinct rest of the
    // coordinates (a bisection of some 30 steady-state evaluations), reused by every row that shares them.
    private readonly Dictionary<long, double> _maxQps = new();
    private readonly EquivalentConfigurations _equivalents;

    // Set by EvaluateRow for the row FillRow stores next: an impossible layout never meets the constraints.
    private bool _layoutInvalid;

    // Set by EvaluateRow: the replica layout the row ran on (its serving columns are served by it).
    private Deployment _deployment;

    // Set by EvaluateRow: devices of the row's replica (tp × pp), also for an impossible layout.
    private int _replicaDevices = 1;

    // Set by EvaluateRow: the row's speculative decoding (off without a speculative: section).
    private SpeculativeDecoding _speculative;

    public ShardEvaluator(SweepSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        _space = space;
        _spec = space.Spec;
        _roles = new DimensionRole[space.DimensionCount];
        _tableDimensions = 0;
        _equivalents = new EquivalentConfigurations(space);
        for (var d = 0; d < _roles.Length; d++)
        {
            var key = _spec.Dimensions[d].Key;
            _roles[d] = DimensionRoles.Of(key);
            _hasParallelism |= _roles[d] is DimensionRole.Tp or DimensionRole.Pp or DimensionRole.Ep;
            _hasSpeculative |= _roles[d] is DimensionRole.SpecK or DimensionRole.SpecAlpha or DimensionRole.DraftCost;
            if (DimensionKeys.SelectsTable(key))
            {
                _tableDimensions = d + 1;
            }

            if (_roles[d] == DimensionRole.Qps)
            {
                _qpsDimension = d;
            }

            if (_roles[d] == DimensionRole.Disaggregation)
            {
                _disaggregationDimension = d;
            }

            _inputDistDimension = _roles[d] == DimensionRole.InputDist ? d : _inputDistDimension;
            _outputDistDimension = _roles[d] == DimensionRole.OutputDist ? d : _outputDistDimension;
        }

        if (_inputDistDimension >= 0 || _outputDistDimension >= 0)
        {
            string[] fixedOnly = ["fixed"];
            var inputs = _inputDistDimension >= 0 ? _spec.Dimensions[_inputDistDimension].Texts : fixedOnly;
            var outputs = _outputDistDimension >= 0 ? _spec.Dimensions[_outputDistDimension].Texts : fixedOnly;
            _outputDistCount = outputs.Length;
            _lengths = new ServingWorkload[inputs.Length * outputs.Length];
            for (var i = 0; i < inputs.Length; i++)
            {
                for (var o = 0; o < outputs.Length; o++)
                {
                    var input = LengthDistribution.Parse(inputs[i], DimensionKeys.InputDist);
                    var output = LengthDistribution.Parse(outputs[o], DimensionKeys.OutputDist);
                    _lengths[(i * outputs.Length) + o] = new ServingWorkload(0, MeanTokens(input), MeanTokens(output)) { InputLengths = input, OutputLengths = output };
                }
            }
        }

        _isServing = _spec.IsServing;
    }

    /// <summary>Fills <paramref name="batch"/> with configurations [<paramref name="first"/>, first + count).</summary>
    public void Evaluate(long first, int count, ResultBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, batch.Capacity);
        Span<int> digits = stackalloc int[_space.DimensionCount];
        _space.Decode(first, digits);

        var table = TableFor(digits);
        var hardware = _spec.Hardware[digits[_space.HardwareDimension]];
        var workload = WorkloadFor(digits);
        var roofline = _spec.Roofline;

        for (var row = 0; row < count; row++)
        {
            if (row > 0)
            {
                var changed = _space.Increment(digits);
                if (changed < _tableDimensions)
                {
                    table = TableFor(digits);
                }

                if (changed <= _space.HardwareDimension)
                {
                    hardware = _spec.Hardware[digits[_space.HardwareDimension]];
                }

                workload = WorkloadFor(digits);
            }

            var metrics = EvaluateRow(table, hardware, workload, roofline, digits);
            var withinContext = table.Model.SupportsContext(workload.ContextTokens);
            if (_isServing)
            {
                FillServing(batch, row, first + row, table, hardware, workload, digits, metrics, withinContext);
            }
            else
            {
                FillRow(batch, row, first + row, digits, metrics, withinContext, ServingValues.None);
            }
        }

        batch.Count = count;
    }

    /// <summary>Fills <paramref name="batch"/> with the given configurations, in order (Pareto rows, spot checks).</summary>
    public void EvaluateIds(ReadOnlySpan<long> ids, ResultBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ids.Length, batch.Capacity);
        Span<int> digits = stackalloc int[_space.DimensionCount];
        for (var row = 0; row < ids.Length; row++)
        {
            _space.Decode(ids[row], digits);
            var table = TableFor(digits);
            var workload = WorkloadFor(digits);
            var hardware = _spec.Hardware[digits[_space.HardwareDimension]];
            var metrics = EvaluateRow(table, hardware, workload, _spec.Roofline, digits);
            var withinContext = table.Model.SupportsContext(workload.ContextTokens);
            if (_isServing)
            {
                FillServing(batch, row, ids[row], table, hardware, workload, digits, metrics, withinContext);
            }
            else
            {
                FillRow(batch, row, ids[row], digits, metrics, withinContext, ServingValues.None);
            }
        }

        batch.Count = ids.Length;
    }

    /// <summary>
    /// One configuration on its replica layout. A layout the model cannot take (heads, KV heads,
    /// experts or layers not divisible) is a flagged row: it does not fit and its metrics are NaN.
    /// </summary>
    private Metrics EvaluateRow(OperatorTable table, in HardwareSpec hardware, in Workload workload, RooflineMode roofline, ReadOnlySpan<int> digits)
    {
        if (!_hasSpeculative)
        {
            return EvaluateLayout(table, hardware, workload, roofline, digits);
        }

        // Speculation speeds decode steps: the static batch's TPOT scales by its factor (SpeculativeMetrics).
        var plain = EvaluateLayout(table, hardware, workload, roofline, digits);
        _speculative = SpeculativeFor(digits);
        if (_layoutInvalid || !_speculative.IsOn || hardware.IsBucketed || !plain.Fits)
        {
            return plain;
        }

        return SpeculativeMetrics.Apply(plain, new StepCost(table, hardware, _deployment), _speculative, workload.Batch, workload.InputTokens, workload.OutputTokens);
    }

    private SpeculativeDecoding SpeculativeFor(ReadOnlySpan<int> digits)
    {
        // As predict's --spec-alpha and --draft-cost default.
        int k = 0;
        double alpha = 0.7, draft = 0.1;
        for (var d = _tableDimensions; d < digits.Length; d++)
        {
            switch (_roles[d])
            {
                case DimensionRole.SpecK:
                    k = (int)_spec.Dimensions[d].Numbers[digits[d]];
                    break;
                case DimensionRole.SpecAlpha:
                    alpha = _spec.Dimensions[d].Numbers[digits[d]];
                    break;
                case DimensionRole.DraftCost:
                    draft = _spec.Dimensions[d].Numbers[digits[d]];
                    break;
            }
        }

        return new SpeculativeDecoding(k, alpha, draft);
    }

    private Metrics EvaluateLayout(OperatorTable table, in HardwareSpec hardware, in Workload workload, RooflineMode roofline, ReadOnlySpan<int> digits)
    {
        _layoutInvalid = false;
        if (!_hasParallelism)
        {
            _deployment = Deployment.Single;
            _replicaDevices = 1;
            return Evaluator.Evaluate(table, hardware, workload, roofline);
        }

        var plan = PlanFor(digits);
        _replicaDevices = plan.Devices;
        if (plan.Check(table.Model) != ParallelIssue.None)
        {
            _layoutInvalid = true;
            return InvalidLayout;
        }

        var deployment = Deployment.Of(plan);
        _deployment = deployment;
        return Evaluator.Evaluate(table, hardware, workload, roofline, deployment);
    }

    /// <summary>
    /// A serving sweep's row: the static-batch columns, and on the same replica the steady-state
    /// percentiles at the row's qps and the highest rate within the slo. A replica that cannot run
    /// (an impossible layout, a model that does not fit, a context past the model's, a bucketed
    /// device) has them null; a saturated one has null percentiles and saturated = true.
    /// </summary>
    private void FillServing(ResultBatch batch, int row, long configId, OperatorTable table, in HardwareSpec hardware, in Workload workload, ReadOnlySpan<int> digits, in Metrics m, bool withinContext)
    {
        var values = ServingValues.None;
        var shape = _disaggregationDimension >= 0 ? _spec.Disaggregation![digits[_disaggregationDimension]] : PoolShape.Colocated;
        var runs = !_layoutInvalid && m.Fits && withinContext && !hardware.IsBucketed && m.MaxConcurrency >= 1;
        var maxConcurrency = m.MaxConcurrency;
        var saturated = false;
        var lengths = LengthsFor(workload, digits);
        if (runs && shape.IsColocated && (lengths.InputTokens != workload.InputTokens || lengths.OutputTokens != workload.OutputTokens))
        {
            // A drawn side's mean replaces the row's length: the KV cache holds sequences of the mean lengths.
            var atMeans = KvCapacity.Of(table, hardware, _deployment, new Workload(workload.Batch, lengths.InputTokens, lengths.OutputTokens));
            maxConcurrency = atMeans.MaxConcurrency;
            runs = atMeans.ModelFits && maxConcurrency >= 1 && table.Model.SupportsContext(lengths.InputTokens + lengths.OutputTokens);
        }

        if (runs && shape.IsColocated)
        {
            var cost = new StepCost(table, hardware, _deployment, _speculative);
            if (_qpsDimension >= 0)
            {
                var qps = _spec.Dimensions[_qpsDimension].Numbers[digits[_qpsDimension]];
                var s = SteadyStateServing.Evaluate(cost, lengths with { Qps = qps }, _spec.Scheduler, maxConcurrency);
                saturated = s.Saturated;
                values = Percentiles(s);
            }

            if (_spec.Slo is { } slo)
            {
                if (!TryCachedMaxQps(digits, out var key, out var maxQps))
                {
                    maxQps = CapacitySearch.MaxQps(cost, lengths, _spec.Scheduler, maxConcurrency, slo.TtftP99Ms, slo.TpotP99Ms);
                    CacheMaxQps(key, maxQps);
                }

                values = values with { MaxQpsAtSlo = maxQps };
            }
        }
        else if (runs)
        {
            // An xPyD deployment of the row's layout: prefill on the row's hardware, decode on the shape's.
            var decodeHardware = shape.DecodeOn(hardware);
            var decodeCapacity = KvCapacity.Of(table, decodeHardware, _deployment, workload);
            maxConcurrency = decodeCapacity.MaxConcurrency;
            runs = decodeCapacity.ModelFits && decodeCapacity.MaxConcurrency >= 1;
            if (runs)
            {
                var decodeCost = new StepCost(table, decodeHardware, _deployment, _speculative);
                var transfer = DisaggregatedServing.TransferSeconds(KvCapacity.SequenceBytesPerDevice(table, _deployment, workload.InputTokens), hardware, decodeHardware);
                var pools = new DisaggregatedPools(shape.PrefillReplicas, new StepCost(table, hardware, _deployment, _speculative), shape.DecodeReplicas, decodeCost, decodeCapacity.MaxConcurrency, transfer, workload.InputTokens, workload.OutputTokens, _spec.Scheduler);
                if (_qpsDimension >= 0)
                {
                    var s = pools.At(_spec.Dimensions[_qpsDimension].Numbers[digits[_qpsDimension]]);
                    saturated = s.Saturated;
                    values = Percentiles(s);
                }

                if (_spec.Slo is { } slo)
                {
                    // As capacity searches a deployment: from one request at a time on each decode replica.
                    if (!TryCachedMaxQps(digits, out var key, out var maxQps))
                    {
                        maxQps = CapacitySearch.MaxQps(pools, CapacitySearch.OneAtATime(decodeCost, workload.InputTokens, workload.OutputTokens) * shape.DecodeReplicas, slo.TtftP99Ms, slo.TpotP99Ms);
                        CacheMaxQps(key, maxQps);
                    }

                    values = values with { MaxQpsAtSlo = maxQps };
                }
            }
        }

        if (_disaggregationDimension >= 0)
        {
            // Every device of both pools, each at its own hardware's price (as capacity plans a deployment).
            var perReplica = _replicaDevices;
            values = shape.IsColocated
                ? values with { Devices = perReplica, CostPerHour = perReplica * hardware.HourlyCostUsd }
                : values with
                {
                    Devices = (shape.PrefillReplicas + shape.DecodeReplicas) * perReplica,
                    CostPerHour = (shape.PrefillReplicas * perReplica * hardware.HourlyCostUsd) + (shape.DecodeReplicas * perReplica * shape.DecodeOn(hardware).HourlyCostUsd),
                };
        }

        FillRow(batch, row, configId, digits, m, withinContext, values);
        var metrics = batch.Metrics;
        var present = batch.Present;
        metrics[(int)MetricColumn.MaxConcurrency][row] = maxConcurrency;
        Store(metrics, present, MetricColumn.P50TtftMs, row, values.P50TtftMs);
        Store(metrics, present, MetricColumn.P99TtftMs, row, values.P99TtftMs);
        Store(metrics, present, MetricColumn.P50TpotMs, row, values.P50TpotMs);
        Store(metrics, present, MetricColumn.P99TpotMs, row, values.P99TpotMs);
        Store(metrics, present, MetricColumn.MaxQpsAtSlo, row, values.MaxQpsAtSlo);
        metrics[(int)MetricColumn.Devices][row] = values.Devices;
        Store(metrics, present, MetricColumn.CostPerHour, row, values.CostPerHour);
        if (batch.Saturated is { } flags)
        {
            flags[row] = saturated;
            batch.SaturatedPresent![row] = runs;
        }
    }

    private static ServingValues Percentiles(in ServingMetrics s) => ServingValues.None with
    {
        P50TtftMs = Finite(s.TtftP50Ms),
        P99TtftMs = Finite(s.TtftP99Ms),
        P50TpotMs = Finite(s.TpotP50Ms),
        P99TpotMs = Finite(s.TpotP99Ms),
    };

    private static double Finite(double value) => double.IsFinite(value) ? value : double.NaN;

    private static void Store(double[][] metrics, bool[][] present, MetricColumn column, int row, double value)
    {
        metrics[(int)column][row] = value;
        present[(int)column][row] = !double.IsNaN(value);
    }

    /// <summary>
    /// The capacity search's answer for this row's replica (or deployment) and lengths, searched once per
    /// distinct coordinates other than batch and qps: looked up before anything of the search is built.
    /// </summary>
    private bool TryCachedMaxQps(ReadOnlySpan<int> digits, out long key, out double qps)
    {
        key = 0;
        for (var d = 0; d < digits.Length; d++)
        {
            if (_roles[d] is not (DimensionRole.Batch or DimensionRole.Qps))
            {
                key = (key * _space.Radices[d]) + digits[d];
            }
        }

        return _maxQps.TryGetValue(key, out qps);
    }

    private void CacheMaxQps(long key, double qps)
    {
        if (_maxQps.Count >= MaxCachedRates)
        {
            _maxQps.Clear();
        }

        _maxQps[key] = qps;
    }

    private static readonly Metrics InvalidLayout = new()
    {
        TtftMs = double.NaN,
        TpotMs = double.NaN,
        E2eMs = double.NaN,
        PerUserTps = double.NaN,
        ThroughputTps = double.NaN,
        OutputTps = double.NaN,
        MemoryGB = double.NaN,
        CostPerMTok = double.NaN,
        EnergyJPerToken = double.NaN,
        CostPerMOutputTokens = double.NaN,
        EnergyJPerOutputToken = double.NaN,
        Fits = false,
    };

    private ParallelPlan PlanFor(ReadOnlySpan<int> digits)
    {
        int tp = 1, pp = 1, ep = 1;
        for (var d = _tableDimensions; d < digits.Length; d++)
        {
            switch (_roles[d])
            {
                case DimensionRole.Tp:
                    tp = (int)_spec.Dimensions[d].Numbers[digits[d]];
                    break;
                case DimensionRole.Pp:
                    pp = (int)_spec.Dimensions[d].Numbers[digits[d]];
                    break;
                case DimensionRole.Ep:
                    ep = (int)_spec.Dimensions[d].Numbers[digits[d]];
                    break;
            }
        }

        return new ParallelPlan(tp, pp, ep);
    }

    /// <param name="withinContext">False when the workload runs past the model's positions: the row is kept, but meets nothing.</param>
    private void FillRow(ResultBatch batch, int row, long configId, ReadOnlySpan<int> digits, in Metrics m, bool withinContext, in ServingValues serving)
    {
        var metrics = batch.Metrics;
        var present = batch.Present;
        batch.ConfigIds[row] = configId;
        StoreCoordinates(batch, digits, row);
        metrics[(int)MetricColumn.TtftMs][row] = m.TtftMs;
        metrics[(int)MetricColumn.TpotMs][row] = m.TpotMs;
        metrics[(int)MetricColumn.E2eMs][row] = m.E2eMs;
        metrics[(int)MetricColumn.PerUserTps][row] = m.PerUserTps;
        metrics[(int)MetricColumn.ThroughputTps][row] = m.ThroughputTps;
        metrics[(int)MetricColumn.OutputTps][row] = m.OutputTps;
        metrics[(int)MetricColumn.MemoryGB][row] = m.MemoryGB;
        metrics[(int)MetricColumn.CostPerMTok][row] = m.CostPerMTok;
        present[(int)MetricColumn.CostPerMTok][row] = double.IsFinite(m.CostPerMTok);
        metrics[(int)MetricColumn.EnergyJPerToken][row] = m.EnergyJPerToken;
        present[(int)MetricColumn.EnergyJPerToken][row] = double.IsFinite(m.EnergyJPerToken);
        metrics[(int)MetricColumn.CostPerMOutputTokens][row] = m.CostPerMOutputTokens;
        present[(int)MetricColumn.CostPerMOutputTokens][row] = double.IsFinite(m.CostPerMOutputTokens);
        metrics[(int)MetricColumn.EnergyJPerOutputToken][row] = m.EnergyJPerOutputToken;
        present[(int)MetricColumn.EnergyJPerOutputToken][row] = double.IsFinite(m.EnergyJPerOutputToken);
        batch.Fits[row] = m.Fits;
        batch.MeetsConstraints[row] = withinContext && !_layoutInvalid && _spec.Constraints.AreMetBy(m, serving);
        batch.Canonical[row] = _equivalents.IsCanonical(digits);
    }

    private void StoreCoordinates(ResultBatch batch, ReadOnlySpan<int> digits, int row)
    {
        for (var d = 0; d < digits.Length; d++)
        {
            var digit = digits[d];
            if (batch.Indices[d] is { } indices)
            {
                indices[row] = digit;
            }
            else if (batch.Reals[d] is { } reals)
            {
                reals[row] = _spec.Dimensions[d].Numbers[digit];
            }
            else
            {
                batch.Integers[d][row] = (int)_spec.Dimensions[d].Numbers[digit];
            }
        }
    }

    private OperatorTable TableFor(ReadOnlySpan<int> digits)
    {
        long key = 0;
        for (var d = 0; d < _tableDimensions; d++)
        {
            key = (key * _space.Radices[d]) + digits[d];
        }

        if (_tables.TryGetValue(key, out var table))
        {
            return table;
        }

        if (_tables.Count >= MaxCachedTables)
        {
            _tables.Clear();
        }

        table = OperatorTable.Build(_spec.Models[digits[_space.ModelDimension]], OptimizationsFor(digits), _spec.Efficiency);
        _tables[key] = table;
        return table;
    }

    private Optimizations OptimizationsFor(ReadOnlySpan<int> digits)
    {
        var options = new Optimizations();
        for (var d = 0; d < _tableDimensions; d++)
        {
            var dimension = _spec.Dimensions[d];
            var number = dimension.Kind == DimensionKind.Text ? 0 : dimension.Numbers[digits[d]];
            var text = dimension.Kind == DimensionKind.Text ? dimension.Texts[digits[d]] : string.Empty;
            options = _roles[d] switch
            {
                DimensionRole.WeightBits => options with { WeightBits = number },
                DimensionRole.ActBits => options with { ActivationBits = number },
                DimensionRole.ActFormat => options with { ActivationFormat = OptionNames.ParseActivationFormat(text) },
                DimensionRole.KvBits => options with { KvBits = number },
                DimensionRole.QuantGroup => options with { QuantGroupSize = (int)number },
                DimensionRole.LoraRank => options with { LoraRank = (int)number },
                DimensionRole.LoraMode => options with { LoraMode = OptionNames.ParseLoraMode(text) },
                DimensionRole.Chunk => options with { ChunkSize = (int)number },
                DimensionRole.Fusion => options with { Fusion = OptionNames.ParseFusion(text) },
                DimensionRole.KvCache => options with { KvCache = OptionNames.ParseKvCache(text) },
                DimensionRole.Counting => options with { Counting = OptionNames.ParseCounting(text) },
                _ => options,
            };
        }

        return options;
    }

    /// <summary>The row's serving lengths: its input and output tokens, or a drawn side's mean and spread.</summary>
    private ServingWorkload LengthsFor(in Workload workload, ReadOnlySpan<int> digits)
    {
        if (_lengths.Length == 0)
        {
            return new ServingWorkload(0, workload.InputTokens, workload.OutputTokens);
        }

        var i = _inputDistDimension >= 0 ? digits[_inputDistDimension] : 0;
        var o = _outputDistDimension >= 0 ? digits[_outputDistDimension] : 0;
        var template = _lengths[(i * _outputDistCount) + o];
        return template with
        {
            InputTokens = template.InputLengths.IsFixed ? workload.InputTokens : template.InputTokens,
            OutputTokens = template.OutputLengths.IsFixed ? workload.OutputTokens : template.OutputTokens,
        };
    }

    /// <summary>A distribution's mean in whole tokens (at least 1), as simulate and capacity take it; 0 when fixed (the row's).</summary>
    private static int MeanTokens(in LengthDistribution distribution) =>
        distribution.IsFixed ? 0 : (int)Math.Clamp(Math.Round(distribution.Mean(0)), 1, LengthDistribution.MaxTokens);

    private Workload WorkloadFor(ReadOnlySpan<int> digits)
    {
        int batch = 1, input = 1, output = 1;
        for (var d = _tableDimensions; d < digits.Length; d++)
        {
            switch (_roles[d])
            {
                case DimensionRole.Batch:
                    batch = (int)_spec.Dimensions[d].Numbers[digits[d]];
                    break;
                case DimensionRole.InputTokens:
                    input = (int)_spec.Dimensions[d].Numbers[digits[d]];
                    break;
                case DimensionRole.OutputTokens:
                    output = (int)_spec.Dimensions[d].Numbers[digits[d]];
                    break;
            }
        }

        return new Workload(batch, input, output);
    }
}
