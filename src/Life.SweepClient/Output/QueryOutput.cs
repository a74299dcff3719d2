using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Life.SweepClient.Output;

/// <summary>
/// <c>query</c>'s rows: an aligned text table (numbers right-aligned, NULL for null, at most
/// <see cref="TableRows"/> rows), CSV (RFC 4180 quoting, empty for null) or a JSON array of objects
/// (integers and finite doubles as numbers, non-finite doubles as "NaN"/"Infinity" strings, null).
/// CSV and JSON stream every row. Values are formatted invariantly, doubles round-trippable.
/// </summary>
internal static class QueryOutput
{
    public const int TableRows = 10_000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes every row of <paramref name="reader"/>; returns the rows read.</summary>
    public static long Write(DbDataReader reader, QueryFormat format, TextWriter output, CancellationToken cancellation) => format switch
    {
        QueryFormat.Csv => WriteCsv(reader, output, cancellation),
        QueryFormat.Json => WriteJson(reader, output, cancellation),
        _ => WriteTable(reader, output, cancellation),
    };

    private static long WriteTable(DbDataReader reader, TextWriter output, CancellationToken cancellation)
    {
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var numeric = Enumerable.Range(0, reader.FieldCount).Select(i => IsNumber(reader.GetFieldType(i))).ToArray();
        var rows = new List<string[]>();
        long count = 0;
        while (reader.Read())
        {
            if (++count <= TableRows)
            {
                rows.Add([.. Enumerable.Range(0, names.Length).Select(i => reader.IsDBNull(i) ? "NULL" : Text(reader.GetValue(i)))]);
            }

            if (count % 65_536 == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }
        }

        var widths = names.Select((n, i) => Math.Max(n.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(names, widths, numeric));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths, numeric));
        }

        output.WriteLine(count > TableRows
            ? string.Create(Invariant, $"({count:N0} rows, {TableRows:N0} shown; --csv or --json print them all)")
            : string.Create(Invariant, $"({count:N0} {(count == 1 ? "row" : "rows")})"));
        return count;
    }

    private static long WriteCsv(DbDataReader reader, TextWriter output, CancellationToken cancellation)
    {
        output.WriteLine(string.Join(',', Enumerable.Range(0, reader.FieldCount).Select(i => Csv(reader.GetName(i)))));
        var line = new StringBuilder();
        long count = 0;
        while (reader.Read())
        {
            line.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                if (!reader.IsDBNull(i))
                {
                    line.Append(Csv(Text(reader.GetValue(i))));
                }
            }

            output.WriteLine(line);
            if (++count % 65_536 == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }
        }

        return count;
    }

    private static long WriteJson(DbDataReader reader, TextWriter output, CancellationToken cancellation)
    {
        using var stream = new MemoryStream();
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        json.WriteStartArray();
        long count = 0;
        while (reader.Read())
        {
            json.WriteStartObject();
            for (var i = 0; i < names.Length; i++)
            {
                json.WritePropertyName(names[i]);
                WriteJsonValue(json, reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            json.WriteEndObject();
            if (++count % 4096 == 0)
            {
                // Bounded memory for large answers: hand what is written so far to the output.
                Flush(json, stream, output);
                cancellation.ThrowIfCancellationRequested();
            }
        }

        json.WriteEndArray();
        Flush(json, stream, output);
        output.WriteLine();
        return count;
    }

    private static void Flush(Utf8JsonWriter json, MemoryStream stream, TextWriter output)
    {
        json.Flush();
        output.Write(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        stream.SetLength(0);
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case long or int or short or sbyte or byte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, Invariant));
                break;
            case ulong unsigned:
                json.WriteNumberValue(unsigned);
                break;
            case decimal d:
                json.WriteNumberValue(d);
                break;
            case double or float:
                var number = Convert.ToDouble(value, Invariant);
                if (double.IsFinite(number))
                {
                    json.WriteNumberValue(number);
                }
                else
                {
                    json.WriteStringValue(Text(value));
                }

                break;
            case System.Numerics.BigInteger big:
                json.WriteRawValue(big.ToString(Invariant));
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }

    private static bool IsNumber(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(double) || type == typeof(float)
        || type == typeof(decimal) || type == typeof(ulong) || type == typeof(uint) || type == typeof(System.Numerics.BigInteger);

    private static string Text(object value) => value switch
    {
        double d => d.ToString("R", Invariant),
        float f => f.ToString("R", Invariant),
        bool b => b ? "true" : "false",
        DateTime t => t.ToString("O", Invariant),
        IFormattable formattable => formattable.ToString(null, Invariant),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A CSV field: quoted when it holds a comma, quote, or line break, quotes doubled.</summary>
    private static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    private static string Line(string[] cells, int[] widths, bool[] numeric)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(numeric[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        return line.ToString().TrimEnd();
    }
}
