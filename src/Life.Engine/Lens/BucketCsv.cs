using System.Collections.Immutable;
using Life.Engine.Text;

namespace Life.Engine.Lens;

/// <summary>
/// Reads calibration and test runs. Two layouts, told apart by the header: the bucket file
/// (<c>batch,input_tokens,output_tokens,e2e_ms</c>, optionally <c>bucket</c>; other columns ignored) and
/// the project's measurements CSV (interfaces.md: <c>...,batch,input_tokens,output_tokens,metric,value</c>),
/// of which the <c>e2e_ms</c> rows are used. Blank lines and lines starting with <c>#</c> are skipped.
/// Errors name the file, the line and the field.
/// </summary>
public static class BucketCsv
{
    private static readonly string[] Required = ["batch", "input_tokens", "output_tokens"];

    public static BucketData Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var headerLine = Array.FindIndex(lines, l => !Skip(l));
        if (headerLine < 0)
        {
            throw new EngineInputException($"{source}: empty file (expected a header batch,input_tokens,output_tokens,e2e_ms)");
        }

        var header = CsvFields.Split(lines[headerLine].TrimEnd('\r')).Select(h => h.ToLowerInvariant()).ToList();
        var measurementsLayout = header.Contains("metric") && header.Contains("value");
        var valueColumn = measurementsLayout ? "value" : "e2e_ms";
        foreach (var name in Required.Append(valueColumn))
        {
            if (!header.Contains(name))
            {
                throw new EngineInputException($"{source}: the header has no '{name}' column (need batch,input_tokens,output_tokens,e2e_ms, or the measurements CSV layout)");
            }
        }

        var rows = ImmutableArray.CreateBuilder<BucketMeasurement>();
        var devices = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = headerLine + 1; i < lines.Length; i++)
        {
            if (Skip(lines[i]))
            {
                continue;
            }

            var row = new CsvRow(header, CsvFields.Split(lines[i].TrimEnd('\r')), source, i + 1);
            if (measurementsLayout && !string.Equals(row.Text("metric"), "e2e_ms", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var hardware = row.Text("hardware");
            if (!string.IsNullOrEmpty(hardware))
            {
                devices.Add(hardware);
            }

            rows.Add(new BucketMeasurement(
                row.Positive("batch"), row.Positive("input_tokens"), row.Positive("output_tokens"), row.PositiveNumber(valueColumn),
                row.Has("bucket") && row.Text("bucket").Length > 0 ? row.Positive("bucket") : 0, i + 1));
        }

        if (rows.Count == 0)
        {
            throw new EngineInputException(measurementsLayout ? $"{source}: no rows with metric e2e_ms" : $"{source}: no measurement rows");
        }

        if (devices.Count > 1)
        {
            throw new EngineInputException($"{source}: rows for several hardware ({string.Join(", ", devices)}); give one device's runs per file");
        }

        return new BucketData(source, rows.ToImmutable(), devices.Count == 1 ? devices.Min : null);
    }

    private static bool Skip(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length == 0 || trimmed.StartsWith('#');
    }
}
