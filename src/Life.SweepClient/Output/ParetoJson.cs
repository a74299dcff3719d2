using System.Text.Encodings.Web;
using System.Text.Json;
using Life.Sweep.Datasets;
using Life.Sweep.Specs;

namespace Life.SweepClient.Output;

/// <summary>
/// <c>pareto --json</c>: one object with the counts and the front rows (every column; 64-bit
/// integers and doubles as JSON numbers, nulls as null, non-finite doubles as "NaN"/"Infinity"
/// strings), in the table's order (best first on the first objective). Not HTML-escaped: a
/// filter such as <c>ttft_ms &lt; 500</c> reads as typed.
/// </summary>
internal static class ParetoJson
{
    public static void Write(TextWriter output, ParetoView view, int top)
    {
        var result = view.Result;
        var dataset = view.Dataset;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("dataset", dataset.Directory);
            json.WriteString("name", dataset.Name);
            json.WriteBoolean("complete", dataset.IsComplete);
            json.WriteNumber("files", dataset.Files.Count);
            json.WriteStartArray("objectives");
            foreach (var objective in result.Objectives)
            {
                json.WriteStringValue(objective.ToString());
            }

            json.WriteEndArray();
            json.WriteString("objectives_from", view.ObjectivesFromSpec ? "spec" : "option");
            json.WriteString("where", result.Where);
            json.WriteBoolean("constrained_only", result.ConstrainedOnly);
            json.WriteNumber("rows", result.Rows);
            json.WriteNumber("rows_eligible", result.RowsEligible);
            json.WriteNumber("rows_matched", result.RowsMatched);
            json.WriteNumber("rows_equivalent", result.RowsEquivalent);
            json.WriteNumber("rows_missing_objective", result.RowsMissingObjective);
            json.WriteStartObject("missing_by_objective");
            for (var j = 0; j < result.Objectives.Count; j++)
            {
                json.WriteNumber(MetricColumns.Name(result.Objectives[j].Column), result.MissingByObjective[j]);
            }

            json.WriteEndObject();
            json.WriteNumber("candidates", result.Candidates);
            json.WriteNumber("front_rows", result.Front.Count);
            json.WriteString("out", view.OutPath);
            json.WriteStartArray("front");
            foreach (var row in view.Order.Take(top))
            {
                WriteRow(json, result.Front, row);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteRow(Utf8JsonWriter json, RowSet front, int row)
    {
        json.WriteStartObject();
        foreach (var column in front.Columns)
        {
            var name = column.Column.Name;
            if (column.IsNull(row))
            {
                json.WriteNull(name);
                continue;
            }

            switch (column.Column.Kind)
            {
                case ColumnKind.Integer:
                    json.WriteNumber(name, column.GetInt64(row));
                    break;
                case ColumnKind.Real:
                    var value = column.GetDouble(row);
                    if (double.IsFinite(value))
                    {
                        json.WriteNumber(name, value);
                    }
                    else
                    {
                        json.WriteString(name, column.Format(row));
                    }

                    break;
                case ColumnKind.Boolean:
                    json.WriteBoolean(name, column.GetBoolean(row));
                    break;
                default:
                    json.WriteString(name, column.GetString(row));
                    break;
            }
        }

        json.WriteEndObject();
    }
}
