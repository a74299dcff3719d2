using System.Globalization;

namespace Life.Engine.Tests.Paper;

/// <summary>One row of shared/validation/life-paper.csv (copied to Validation/life-paper.csv).</summary>
public sealed record LifePaperRow(string Kind, string Quantity, string Device, double Tflops, double BandwidthGBs, double Efficiency, string Variant, int InputTokens, double Value, string Unit)
{
    public static IReadOnlyList<LifePaperRow> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Validation", "life-paper.csv");
        var rows = new List<LifePaperRow>();
        foreach (var line in File.ReadAllLines(path).Skip(1))
        {
            var f = SplitCsv(line);
            rows.Add(new LifePaperRow(f[0], f[1], f[2], Number(f[3]), Number(f[4]), Number(f[5]), f[7], (int)Number(f[8]), Number(f[10]), f[11]));
        }

        return rows;
    }

    public override string ToString() => $"{Kind} {Quantity} {Variant} @{InputTokens} = {Value} {Unit}";

    private static double Number(string text) => text.Length == 0 ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
