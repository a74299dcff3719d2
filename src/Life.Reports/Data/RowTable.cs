using System.Data.Common;
using System.Globalization;

namespace Life.Reports.Data;

/// <summary>A small table of result rows, as text cells, for the HTML (the front, the best per group).</summary>
public sealed class RowTable
{
    public RowTable(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        Headers = headers;
        Rows = rows;
    }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads every row of <paramref name="reader"/>, formatting each value.</summary>
    public static RowTable Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var headers = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.IsDBNull(i) ? "-" : Format(reader.GetValue(i));
            }

            rows.Add(cells);
        }

        return new RowTable(headers, rows);
    }

    /// <summary>Numbers as in the terminal tables: whole numbers from 100 up, else three decimals at most.</summary>
    public static string Format(object value) => value switch
    {
        double d => FormatNumber(d),
        float f => FormatNumber(f),
        decimal m => FormatNumber((double)m),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string FormatNumber(double value) => !double.IsFinite(value)
        ? value.ToString(CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 100 ? value.ToString("F0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
}
