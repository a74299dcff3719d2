using Life.Engine.Calibration;
using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;
using Life.Engine.Validation;

namespace Life.Engine.Tests.Calibration;

public sealed class DeviceCalibratorTests
{
    [Theory]
    [InlineData(0.43, 0.71, 7.3)]
    [InlineData(0.18, 0.52, 12)]
    [InlineData(0.77, 0.93, 25)]
    public void Calibration_recovers_known_efficiencies_from_measurements_the_engine_generated(double compute, double memory, double dispatchUs)
    {
        var defaults = Shipped.Defaults;
        var device = Shipped.Catalog.ResolveHardware("rtx-4090");
        var truth = new CalibrationProfile([new DeviceCalibration(device.Id, "vllm", compute, memory, dispatchUs, 0, double.NaN, double.NaN)]);

        // Compute-bound prefill and memory-bound decode of models of very different sizes (so weight
        // traffic and kernel launches, both paid every step, can be told apart): each efficiency
        // leaves its mark on some row.
        var rows = new List<Measurement>();
        foreach (var (model, batch, input, output, metric) in new[]
        {
            ("llama-3-8b", 8, 4096, 1, MeasuredMetric.PrefillTps),
            ("gemma-2-2b", 1, 2048, 1, MeasuredMetric.TtftMs),
            ("llama-3-8b", 1, 128, 256, MeasuredMetric.DecodeTps),
            ("gemma-2-2b", 1, 128, 256, MeasuredMetric.DecodeTps),
            ("qwen2.5-7b", 1, 2048, 64, MeasuredMetric.TpotMs),
            ("gemma-2-2b", 16, 256, 256, MeasuredMetric.E2eMs),
        })
        {
            var m = Row(device.Id, batch, input, output, metric, 1) with { Model = model };
            var prepared = new MeasurementResolver(Shipped.Catalog, defaults, truth).Resolve([m]).Prepared.Single();
            rows.Add(m with { Value = Validator.Predict(prepared, new TableCache(defaults)) });
        }

        var (resolved, skipped) = new MeasurementResolver(Shipped.Catalog, defaults).Resolve(rows);
        Assert.Empty(skipped);
        var fitted = DeviceCalibrator.Calibrate(resolved, defaults).Devices.Single();

        Assert.Equal(compute, fitted.ComputeEfficiency, compute * 0.01);
        Assert.Equal(memory, fitted.MemoryEfficiency, memory * 0.01);
        Assert.Equal(dispatchUs, fitted.DispatchUs, dispatchUs * 0.01);
        Assert.True(fitted.MedianApeAfter < 0.5, $"fitted rows still off by {fitted.MedianApeAfter}%");
    }

    [Fact]
    public void Two_rows_one_prefill_one_decode_are_enough_to_fit_a_device()
    {
        var defaults = Shipped.Defaults;
        var device = Shipped.Catalog.ResolveHardware("l40s");

        // Two rows cannot pin three parameters: the overhead stays at its default, the efficiencies move.
        var dispatch = MeasurementResolver.Efficiencies(device, FrameworkKind.Vllm, defaults, null).DispatchOverheadUs;
        var truth = new CalibrationProfile([new DeviceCalibration(device.Id, null, 0.33, 0.61, dispatch, 0, double.NaN, double.NaN)]);
        var prefill = Row(device.Id, 4, 4096, 1, MeasuredMetric.PrefillTps, 1);
        var decode = Row(device.Id, 1, 128, 128, MeasuredMetric.DecodeTps, 1);
        var truthRows = new MeasurementResolver(Shipped.Catalog, defaults, truth).Resolve([prefill, decode]).Prepared;
        var measured = truthRows.Select(p => p.Measurement with { Value = Validator.Predict(p, new TableCache(defaults)) }).ToList();

        var fitted = DeviceCalibrator.Calibrate(new MeasurementResolver(Shipped.Catalog, defaults).Resolve(measured).Prepared, defaults).Devices.Single();

        Assert.Equal(0.33, fitted.ComputeEfficiency, 0.33 * 0.02);
        Assert.Equal(0.61, fitted.MemoryEfficiency, 0.61 * 0.02);
    }

    [Fact]
    public void A_profile_round_trips_through_json()
    {
        var profile = new CalibrationProfile([new DeviceCalibration("h100-sxm", "vllm", 0.5, 0.75, 4.25, 12, 17.5, 3.25)]);

        var again = CalibrationProfile.Parse(profile.ToJson(), "test");

        Assert.Equal(profile.Devices.Single(), again.Devices.Single());
        Assert.Same(again.Devices[0], again.Find("H100-SXM", "vllm"));
        Assert.Null(again.Find("h100-sxm", "llama.cpp"));
    }

    [Theory]
    [InlineData("{}", "expected {\"devices\": [...]}")]
    [InlineData("{\"devices\":[{\"compute_efficiency\":0.5}]}", "devices[0]: missing 'hardware'")]
    [InlineData("{\"devices\":[{\"hardware\":\"x\",\"compute_efficiency\":1.5,\"memory_efficiency\":0.5,\"dispatch_us\":1}]}", "compute_efficiency = 1.5 must be in (0, 1]")]
    [InlineData("not json", "not valid JSON")]
    public void A_bad_profile_is_rejected_naming_the_problem(string json, string message)
    {
        var error = Assert.Throws<EngineInputException>(() => CalibrationProfile.Parse(json, "p.json"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static Measurement Row(string hardware, int batch, int input, int output, MeasuredMetric metric, double value) =>
        new("synthetic.csv", 1, "synthetic", hardware, double.NaN, double.NaN, double.NaN, double.NaN, 1, "vllm", "llama-3-8b", 16, 16, 16, batch, input, output, metric, value);
}
