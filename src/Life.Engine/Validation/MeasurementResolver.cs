using Life.Engine.Catalog;
using Life.Engine.Specs;

namespace Life.Engine.Validation;

/// <summary>
/// Turns measurement rows into engine inputs. The hardware comes from the catalog (by id or alias)
/// with the row's spec columns overriding it, or from the spec columns alone; the model from the
/// catalog. A row whose device, model or token counts cannot be known is skipped with the reason.
/// </summary>
public sealed class MeasurementResolver
{
    private readonly Func<HardwareSpec, FrameworkKind, HardwareSpec> _efficiencies;

    /// <param name="efficiencies">Sets the efficiencies of a device under a framework (defaults, or a calibration profile).</param>
    public MeasurementResolver(Func<HardwareSpec, FrameworkKind, HardwareSpec> efficiencies)
    {
        _efficiencies = efficiencies;
    }

    public (IReadOnlyList<PreparedMeasurement> Prepared, IReadOnlyList<SkippedMeasurement> Skipped) Resolve(IEnumerable<Measurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var prepared = new List<PreparedMeasurement>();
        var skipped = new List<SkippedMeasurement>();
        foreach (var m in measurements)
        {
            var reason = TryResolve(m, out var result);
            if (reason is null)
            {
                prepared.Add(result!);
            }
            else
            {
                skipped.Add(new SkippedMeasurement(m, reason));
            }
        }

        return (prepared, skipped);
    }

    private string? TryResolve(Measurement m, out PreparedMeasurement? result)
    {
        result = null;
        if (!(m.Value > 0))
        {
            return $"value {m.Value} is not positive";
        }

        if (!BuiltInCatalog.TryGetModel(m.Model, out var model))
        {
            return $"model '{m.Model}' is not in the catalog";
        }

        var framework = FrameworkProfile.Parse(m.Framework);
        var profile = FrameworkProfiles.For(framework);
        var known = BuiltInCatalog.TryGetHardware(m.Hardware, out var hardware);
        if (!known)
        {
            if (double.IsNaN(m.Tflops) || double.IsNaN(m.BandwidthGBs))
            {
                return $"hardware '{m.Hardware}' is not in the catalog and the row gives no tflops/bandwidth_gbs";
            }

            hardware = new HardwareSpec { Id = m.Hardware, Name = m.Hardware, MemoryGB = double.IsNaN(m.MemoryGB) ? 1e6 : m.MemoryGB };
        }

        hardware = hardware with
        {
            Fp16Tflops = double.IsNaN(m.Tflops) ? hardware.Fp16Tflops : m.Tflops,
            Int8Tops = double.IsNaN(m.Int8Tops) ? hardware.Int8Tops : m.Int8Tops,
            BandwidthGBs = double.IsNaN(m.BandwidthGBs) ? hardware.BandwidthGBs : m.BandwidthGBs,
            MemoryGB = double.IsNaN(m.MemoryGB) ? hardware.MemoryGB : m.MemoryGB,
        };
        hardware = _efficiencies(hardware, framework);

        var needsInput = true;
        var needsOutput = m.Metric is not (MeasuredMetric.PrefillTps or MeasuredMetric.TtftMs);
        if (needsInput && m.InputTokens is null)
        {
            return "input_tokens not given";
        }

        if (needsOutput && m.OutputTokens is null)
        {
            return "output_tokens not given";
        }

        var input = Math.Max(1, m.InputTokens!.Value);
        var output = needsOutput ? m.OutputTokens!.Value : 1;
        if (output < 1)
        {
            return $"output_tokens = {output} leaves nothing to decode for {MeasuredMetrics.Name(m.Metric)}";
        }

        if (m.Batch < 1 || m.Devices < 1)
        {
            return $"batch {m.Batch} / devices {m.Devices} must be at least 1";
        }

        var options = profile.Apply(new Optimizations { WeightBits = m.WeightBits, ActivationBits = m.ActBits, KvBits = m.KvBits });
        try
        {
            hardware.Validate();
            options.Validate();
        }
        catch (EngineInputException e)
        {
            return e.Message;
        }

        result = new PreparedMeasurement(m, hardware, model, options, new Workload(m.Batch, input, output), profile.DeploymentFor(m.Devices), framework);
        return null;
    }
}
