using Life.Engine.Calibration;
using Life.Engine.Catalog;
using Life.Engine.Parallel;
using Life.Engine.Specs;

namespace Life.Engine.Validation;

/// <summary>
/// Turns measurement rows into engine inputs. The hardware comes from the catalog (by id or alias)
/// with the row's spec columns overriding it, or from the spec columns alone; the model from the
/// catalog. Efficiencies come from a calibration profile entry for the device when there is one,
/// else from the fitted defaults for its group and framework. A row whose device, model or token
/// counts cannot be known is skipped with the reason, never guessed. A hardware column naming a
/// JSON file (e.g. a bucketed NPU with its LENS profile) is that device, read by the host's
/// <c>readHardwareFile</c> (the engine reads no files). A row on several devices is laid out as
/// <c>predict --tp --pp --ep</c> lays it out (<see cref="LayoutOf"/>) and timed on the device's node
/// topology; a layout the model cannot take is skipped as <see cref="SkipKind.InvalidLayout"/>.
/// </summary>
public sealed class MeasurementResolver
{
    private readonly BuiltInCatalog _catalog;
    private readonly EfficiencyDefaults _defaults;
    private readonly CalibrationProfile? _profile;
    private readonly Func<string, HardwareSpec>? _readHardwareFile;
    private readonly Dictionary<string, HardwareSpec> _hardwareFiles = new(StringComparer.Ordinal);

    /// <param name="catalog">Resolves the rows' hardware and model names.</param>
    /// <param name="defaults">The efficiencies of devices and frameworks the profile does not calibrate.</param>
    /// <param name="profile">Calibrated efficiencies per device, when given.</param>
    /// <param name="readHardwareFile">Reads a hardware column naming a .json file; without it such rows are skipped.</param>
    public MeasurementResolver(BuiltInCatalog catalog, EfficiencyDefaults defaults, CalibrationProfile? profile = null, Func<string, HardwareSpec>? readHardwareFile = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(defaults);
        _catalog = catalog;
        _defaults = defaults;
        _profile = profile;
        _readHardwareFile = readHardwareFile;
    }

    public (IReadOnlyList<PreparedMeasurement> Prepared, IReadOnlyList<SkippedMeasurement> Skipped) Resolve(IEnumerable<Measurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var prepared = new List<PreparedMeasurement>();
        var skipped = new List<SkippedMeasurement>();
        foreach (var m in measurements)
        {
            var skip = TryResolve(m, out var result);
            if (skip is null)
            {
                prepared.Add(result!);
            }
            else
            {
                skipped.Add(skip);
            }
        }

        return (prepared, skipped);
    }

    /// <summary>The same row under other efficiencies (calibration searches).</summary>
    public static PreparedMeasurement Reapply(PreparedMeasurement p, EfficiencyDefaults defaults, CalibrationProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        // The layout (so the deployment) depends on the row and the framework, not on the efficiencies.
        return p with { Hardware = Efficiencies(p.RawHardware, p.Framework, defaults, profile), Optimizations = OptionsFor(p.Measurement, p.Framework, defaults) };
    }

    /// <summary>The row's quantization as its framework runs it (fusion, cache, chunking, attention kernels).</summary>
    public static Optimizations OptionsFor(Measurement m, FrameworkKind framework, EfficiencyDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(m);
        return FrameworkProfiles.For(framework, defaults).Apply(new Optimizations { WeightBits = m.WeightBits, ActivationBits = m.ActBits, KvBits = m.KvBits });
    }

    /// <summary>
    /// The replica's layout: the row's <c>tp</c>, <c>pp</c>, <c>ep</c> when it gives them (a missing
    /// one is 1), else the framework's own split of its devices: serving engines (vLLM, TensorRT-LLM,
    /// SGLang) split every operator (tp = devices), llama.cpp and Transformers split layers
    /// (pp = devices).
    /// </summary>
    public static ParallelPlan LayoutOf(Measurement m, FrameworkKind framework, EfficiencyDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.Tensor > 0 || m.Pipeline > 0 || m.Expert > 0)
        {
            return new ParallelPlan(Math.Max(1, m.Tensor), Math.Max(1, m.Pipeline), Math.Max(1, m.Expert));
        }

        var devices = Math.Max(1, m.Devices);
        return FrameworkProfiles.For(framework, defaults).Parallelism == Parallelism.Layer ? new ParallelPlan(1, devices, 1) : new ParallelPlan(devices, 1, 1);
    }

    /// <summary>
    /// The deployment <c>predict --tp --pp --ep --gpu-memory-utilization</c> builds for
    /// <paramref name="plan"/> (collectives on the node topology; one device: no collectives), with the
    /// framework's pipelining of prefill micro-batches (llama.cpp: 4 at a time).
    /// </summary>
    public static Deployment DeploymentOf(in ParallelPlan plan, FrameworkKind framework, EfficiencyDefaults defaults, double memoryUtilization)
    {
        var deployment = Deployment.Of(plan);
        var utilization = double.IsNaN(memoryUtilization) ? Deployment.DefaultMemoryUtilization : memoryUtilization;
        return deployment with { MemoryUtilization = utilization, PipelineChunks = plan.Pipeline > 1 ? FrameworkProfiles.For(framework, defaults).PipelineChunks : 0 };
    }

    /// <summary>
    /// A device's efficiencies: a calibrated entry (absolute, already for that framework) when the
    /// profile has one, else the group defaults times the framework's factors.
    /// </summary>
    public static HardwareSpec Efficiencies(in HardwareSpec raw, FrameworkKind framework, EfficiencyDefaults defaults, CalibrationProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var profileFramework = FrameworkProfiles.For(framework, defaults);
        var withDefaults = defaults.WithDefaults(raw);
        if (profile?.Find(raw.Id, FrameworkProfile.Name(framework)) is { } calibrated)
        {
            return withDefaults with
            {
                ComputeEfficiency = calibrated.ComputeEfficiency,
                MemoryEfficiency = calibrated.MemoryEfficiency,
                DispatchOverheadUs = calibrated.DispatchUs,
            };
        }

        return profileFramework.Apply(withDefaults);
    }

    private SkippedMeasurement? TryResolve(Measurement m, out PreparedMeasurement? result)
    {
        var reason = Problem(m, out result, out var kind);
        return reason is null ? null : new SkippedMeasurement(m, reason, kind);
    }

    private string? Problem(Measurement m, out PreparedMeasurement? result, out SkipKind kind)
    {
        result = null;
        kind = SkipKind.Unpredictable;
        if (!(m.Value > 0))
        {
            return $"value {m.Value} is not positive";
        }

        if (!_catalog.TryGetModel(m.Model, out var model))
        {
            return $"model '{m.Model}' is not in the catalog";
        }

        var framework = FrameworkProfile.Parse(m.Framework);
        if (!_catalog.TryGetHardware(m.Hardware, out var hardware) && !TryReadHardwareFile(m.Hardware, out hardware, out var fileProblem))
        {
            if (fileProblem is not null)
            {
                return fileProblem;
            }

            if (double.IsNaN(m.Tflops) || double.IsNaN(m.BandwidthGBs))
            {
                return $"hardware '{m.Hardware}' is not in the catalog and the row gives no tflops/bandwidth_gbs";
            }

            hardware = new HardwareSpec
            {
                Id = m.Hardware,
                Name = m.Hardware,
                DeviceClass = DeviceClasses.Infer(m.Hardware),
                Vendor = Vendors.Infer(m.Hardware),
                MemoryGB = double.IsNaN(m.MemoryGB) ? 1e6 : m.MemoryGB,
            };
        }

        if (hardware.IsBucketed)
        {
            if (Lens.BucketedModelCheck.Mismatch(hardware, model, _catalog) is { } mismatch)
            {
                return mismatch;
            }
        }

        hardware = hardware with
        {
            Fp16Tflops = double.IsNaN(m.Tflops) ? hardware.Fp16Tflops : m.Tflops,
            Int8Tops = double.IsNaN(m.Int8Tops) ? hardware.Int8Tops : m.Int8Tops,
            BandwidthGBs = double.IsNaN(m.BandwidthGBs) ? hardware.BandwidthGBs : m.BandwidthGBs,
            MemoryGB = double.IsNaN(m.MemoryGB) ? hardware.MemoryGB : m.MemoryGB,
        };

        var atRate = !double.IsNaN(m.Qps);
        if (atRate && !(m.Qps > 0))
        {
            return $"qps = {m.Qps} must be positive";
        }

        // A server's TTFT depends on the decodes it shares steps with, so a rate row needs both counts.
        var needsOutput = atRate || m.Metric is not (MeasuredMetric.PrefillTps or MeasuredMetric.TtftMs);
        if (m.InputTokens is null)
        {
            return "input_tokens not given";
        }

        if (needsOutput && m.OutputTokens is null)
        {
            return "output_tokens not given";
        }

        var input = Math.Max(1, m.InputTokens.Value);
        var output = needsOutput ? m.OutputTokens!.Value : 1;
        if (output < 1)
        {
            return $"output_tokens = {output} leaves nothing to decode for {MeasuredMetrics.Name(m.Metric)}";
        }

        if (m.Batch < 1 || m.Devices < 1)
        {
            return $"batch {m.Batch} / devices {m.Devices} must be at least 1";
        }

        // The same validity checks as predict --tp --pp --ep: such a row is reported, never forecast.
        var plan = LayoutOf(m, framework, _defaults);
        if (plan.Devices != m.Devices)
        {
            kind = SkipKind.InvalidLayout;
            return $"tp = {plan.Tensor} × pp = {plan.Pipeline} is {plan.Devices} devices, the row has {m.Devices}";
        }

        var issue = plan.Check(model);
        if (issue != ParallelIssue.None)
        {
            kind = SkipKind.InvalidLayout;
            return plan.Describe(issue, model);
        }

        var options = OptionsFor(m, framework, _defaults);
        var effective = Efficiencies(hardware, framework, _defaults, _profile);
        var deployment = DeploymentOf(plan, framework, _defaults, m.MemoryUtilization);
        try
        {
            effective.Validate();
            options.Validate();
            deployment.Validate();
        }
        catch (EngineInputException e)
        {
            return e.Message;
        }

        result = new PreparedMeasurement(m, hardware, effective, model, options, new Workload(m.Batch, input, output), deployment, framework);
        return null;
    }

    /// <summary>A hardware column ending in .json is a device file, read once per resolver.</summary>
    private bool TryReadHardwareFile(string reference, out HardwareSpec hardware, out string? problem)
    {
        problem = null;
        if (_hardwareFiles.TryGetValue(reference, out hardware))
        {
            return true;
        }

        if (!reference.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (_readHardwareFile is null)
        {
            problem = $"hardware '{reference}' is a file, and no hardware files are read here";
            return false;
        }

        try
        {
            hardware = _readHardwareFile(reference);
            _hardwareFiles[reference] = hardware;
            return true;
        }
        catch (EngineInputException e)
        {
            problem = e.Message;
            return false;
        }
    }
}
