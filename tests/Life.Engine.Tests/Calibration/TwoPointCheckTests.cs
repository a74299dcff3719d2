using Life.Engine.Calibration;
using Life.Engine.Catalog;
using Life.Engine.Validation;

namespace Life.Engine.Tests.Calibration;

public sealed class TwoPointCheckTests
{
    [Fact]
    public void A_device_the_engine_generated_is_predicted_exactly_from_its_pp512_and_tg128_rows()
    {
        var rows = Generated(0.37, 0.66);

        var result = TwoPointCheck.Run(Resolve(rows), Shipped.Defaults);

        // The two calibration rows are not scored; every other configuration is, and is right.
        Assert.Equal(rows.Count - 2, result.Rows.Count);
        Assert.All(result.Rows, r => Assert.True(Math.Abs(r.ErrorPercent) < 1, $"{r.Measurement.Metric} at {r.Measurement.InputTokens}: {r.ErrorPercent:F2}%"));
    }

    [Fact]
    public void Repeated_runs_of_the_calibration_configuration_count_by_their_median_and_are_not_scored()
    {
        var rows = Generated(0.37, 0.66);
        var pp512 = rows.Single(r => r.Metric == MeasuredMetric.PrefillTps && r.InputTokens == 512);

        // Three more runs of pp512 from builds the file does not tell apart: half, the same, 1.5 times as fast.
        // The first in file order is the slow one; their median is the true value.
        rows.Insert(0, pp512 with { Line = 0, Value = pp512.Value * 0.5 });
        rows.Add(pp512 with { Line = 100, Value = pp512.Value * 1.5 });
        rows.Add(pp512 with { Line = 101, Value = pp512.Value });

        var result = TwoPointCheck.Run(Resolve(rows), Shipped.Defaults);

        Assert.Equal(rows.Count - 5, result.Rows.Count);
        Assert.DoesNotContain(result.Rows, r => r.Measurement.Metric == MeasuredMetric.PrefillTps && r.Measurement.InputTokens == 512);
        Assert.All(result.Rows, r => Assert.True(Math.Abs(r.ErrorPercent) < 1, $"{r.Measurement.Metric} at {r.Measurement.InputTokens}: {r.ErrorPercent:F2}%"));
    }

    /// <summary>llama-bench style rows (pp at 128..4096, tg at 128..1024) of an RTX 4090 with the given efficiencies.</summary>
    private static List<Measurement> Generated(double compute, double memory)
    {
        var defaults = Shipped.Defaults;
        var device = Shipped.Catalog.ResolveHardware("rtx-4090");
        var dispatch = MeasurementResolver.Efficiencies(device, Life.Engine.Specs.FrameworkKind.LlamaCpp, defaults, null).DispatchOverheadUs;
        var truth = new CalibrationProfile([new DeviceCalibration(device.Id, "llama.cpp", compute, memory, dispatch, 0, double.NaN, double.NaN)]);
        var rows = new List<Measurement>();
        var line = 1;
        foreach (var input in new[] { 128, 512, 2048, 4096 })
        {
            rows.Add(Row(line++, input, 0, MeasuredMetric.PrefillTps));
        }

        foreach (var output in new[] { 128, 512, 1024 })
        {
            rows.Add(Row(line++, 1, output, MeasuredMetric.DecodeTps));
        }

        var prepared = new MeasurementResolver(Shipped.Catalog, defaults, truth).Resolve(rows).Prepared;
        var cache = new TableCache(defaults);
        return [.. prepared.Select(p => p.Measurement with { Value = Validator.Predict(p, cache) })];
    }

    private static IReadOnlyList<PreparedMeasurement> Resolve(List<Measurement> rows)
    {
        var (prepared, skipped) = new MeasurementResolver(Shipped.Catalog, Shipped.Defaults).Resolve(rows);
        Assert.Empty(skipped);
        return prepared;
    }

    private static Measurement Row(int line, int input, int output, MeasuredMetric metric) =>
        new("synthetic.csv", line, "synthetic", "rtx-4090", double.NaN, double.NaN, double.NaN, double.NaN, 1, "llama.cpp", "llama-3-8b", 4.5, 16, 16, 1, input, output, metric, 1);
}
