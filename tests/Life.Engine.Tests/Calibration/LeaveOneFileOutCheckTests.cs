using Life.Engine.Calibration;
using Life.Engine.Validation;

namespace Life.Engine.Tests.Calibration;

public sealed class LeaveOneFileOutCheckTests
{
    [Fact]
    public void Each_file_is_predicted_only_from_what_the_other_files_taught()
    {
        // Two files measure the same RTX 4090 configurations; the second reports every rate twice the
        // first. Fitted on the other file alone, each file is predicted near the other's values: the
        // first about 2x too fast, the second about 2x too slow. Had a file leaked into its own fit, the
        // fit would sit between them (about 1.4x off each way).
        var first = Rows("first.csv", 1);
        var second = Rows("second.csv", 2);
        var (prepared, skipped) = new MeasurementResolver(Shipped.Catalog, Shipped.Defaults).Resolve([.. first, .. second]);
        Assert.Empty(skipped);

        var result = LeaveOneFileOutCheck.Run(prepared, skipped);

        Assert.Equal(first.Count + second.Count, result.Rows.Count);
        Assert.True(MedianRatio(result, "first.csv") > 1.7, $"first file predicted at {MedianRatio(result, "first.csv"):F2}x its values");
        Assert.True(MedianRatio(result, "second.csv") < 1 / 1.7, $"second file predicted at {MedianRatio(result, "second.csv"):F2}x its values");
    }

    [Fact]
    public void One_file_cannot_be_left_out()
    {
        var (prepared, skipped) = new MeasurementResolver(Shipped.Catalog, Shipped.Defaults).Resolve(Rows("only.csv", 1));

        var error = Assert.Throws<EngineInputException>(() => LeaveOneFileOutCheck.Run(prepared, skipped));

        Assert.Contains("at least two files", error.Message, StringComparison.Ordinal);
    }

    private static double MedianRatio(ValidationResult result, string file)
    {
        var ratios = result.Rows.Where(r => r.Measurement.File == file).Select(r => r.Predicted / r.Measured).Order().ToList();
        return ratios[ratios.Count / 2];
    }

    /// <summary>llama-bench style rows whose values are the engine's own forecast times <paramref name="scale"/>.</summary>
    private static List<Measurement> Rows(string file, double scale)
    {
        var rows = new List<Measurement>();
        var line = 1;
        foreach (var input in new[] { 128, 512, 2048 })
        {
            rows.Add(Row(file, line++, input, 0, MeasuredMetric.PrefillTps));
        }

        foreach (var output in new[] { 128, 512 })
        {
            rows.Add(Row(file, line++, 1, output, MeasuredMetric.DecodeTps));
        }

        var prepared = new MeasurementResolver(Shipped.Catalog, Shipped.Defaults).Resolve(rows).Prepared;
        var cache = new TableCache(Shipped.Defaults);
        return [.. prepared.Select(p => p.Measurement with { Value = scale * Validator.Predict(p, cache) })];
    }

    private static Measurement Row(string file, int line, int input, int output, MeasuredMetric metric) =>
        new(file, line, "synthetic", "rtx-4090", double.NaN, double.NaN, double.NaN, double.NaN, 1, "llama.cpp", "llama-3-8b", 4.5, 16, 16, 1, input, output, metric, 1);
}
