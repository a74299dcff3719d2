using System.Globalization;
using Life.Engine.Text;

namespace Life.Engine.Validation;

/// <summary>
/// Reads a measurements CSV (interfaces.md). The header must have every column; a value that should
/// be a number and is not, or an unknown metric, is bad input naming the file, line and column.
/// Empty spec columns mean "use the catalog", empty token counts mean "not given". Optional columns
/// <c>tp</c>, <c>pp</c>, <c>ep</c> (the replica's layout; by default the framework's split of
/// <c>devices</c>), <c>gpu_memory_utilization</c> (default vLLM's 0.9) and <c>qps</c> (a request rate:
/// the row measures a server under Poisson arrivals) are read when the header has them.
/// </summary>
public static class MeasurementCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "source", "hardware", "tflops", "int8_tops", "bandwidth_gbs", "memory_gb", "devices", "framework", "model",
        "weight_bits", "act_bits", "kv_bits", "batch", "input_tokens", "output_tokens", "metric", "value",
    ];

    /// <summary>Columns a file may add; empty or absent means the default.</summary>
    public static readonly IReadOnlyList<string> OptionalColumns = ["tp", "pp", "ep", "gpu_memory_utilization", "qps"];

    public static IReadOnlyList<Measurement> Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var headerIndex = Array.FindIndex(lines, l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
        if (headerIndex < 0)
        {
            throw new EngineInputException($"{file}: empty file (expected the header {string.Join(',', Columns)})");
        }

        var header = CsvFields.Split(lines[headerIndex].TrimEnd('\r')).Select(h => h.ToLowerInvariant()).ToList();
        var missing = Columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new EngineInputException($"{file} line {headerIndex + 1}: the header lacks {string.Join(", ", missing)}");
        }

        var index = Columns.Concat(OptionalColumns).ToDictionary(c => c, header.IndexOf);
        var rows = new List<Measurement>();
        for (var i = headerIndex + 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = CsvFields.Split(line);
            var row = new RowReader(file, i + 1, fields, index);
            var metricName = row.Text("metric");
            if (!MeasuredMetrics.TryParse(metricName, out var metric))
            {
                throw new EngineInputException($"{file} line {i + 1}: unknown metric '{metricName}' (expected one of {string.Join(", ", MeasuredMetrics.All)})");
            }

            rows.Add(new Measurement(
                file,
                i + 1,
                row.Text("source"),
                row.Text("hardware"),
                row.Number("tflops") ?? double.NaN,
                row.Number("int8_tops") ?? double.NaN,
                row.Number("bandwidth_gbs") ?? double.NaN,
                row.Number("memory_gb") ?? double.NaN,
                (int)(row.Number("devices") ?? 1),
                row.Text("framework"),
                row.Text("model"),
                row.Number("weight_bits") ?? 16,
                row.Number("act_bits") ?? 16,
                row.Number("kv_bits") ?? 16,
                (int)(row.Number("batch") ?? 1),
                row.Integer("input_tokens"),
                row.Integer("output_tokens"),
                metric,
                row.Number("value") ?? throw new EngineInputException($"{file} line {i + 1}: column 'value' is empty"),
                row.Integer("tp") ?? 0,
                row.Integer("pp") ?? 0,
                row.Integer("ep") ?? 0,
                row.Number("gpu_memory_utilization") ?? double.NaN,
                row.Number("qps") ?? double.NaN));
        }

        return rows;
    }

    private readonly struct RowReader
    {
        private readonly string _file;
        private readonly int _line;
        private readonly List<string> _fields;
        private readonly Dictionary<string, int> _index;

        public RowReader(string file, int line, List<string> fields, Dictionary<string, int> index)
        {
            _file = file;
            _line = line;
            _fields = fields;
            _index = index;
        }

        public string Text(string column)
        {
            var i = _index[column];
            return i >= 0 && i < _fields.Count ? _fields[i] : string.Empty;
        }

        public double? Number(string column)
        {
            var text = Text(column);
            if (text.Length == 0)
            {
                return null;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new EngineInputException($"{_file} line {_line}: column '{column}' = '{text}' is not a number");
            }

            return value;
        }

        public int? Integer(string column)
        {
            var value = Number(column);
            if (value is null)
            {
                return null;
            }

            if (value < 0 || value != Math.Floor(value.Value) || value > int.MaxValue)
            {
                throw new EngineInputException($"{_file} line {_line}: column '{column}' = '{Text(column)}' is not a non-negative integer");
            }

            return (int)value.Value;
        }
    }
}
