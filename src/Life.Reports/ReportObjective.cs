namespace Life.Reports;

/// <summary>
/// One objective of a report: minimize or maximize a numeric result column, written <c>min:tpot_ms</c>.
/// Any numeric column of the dataset may be one (a serving sweep's <c>p99_ttft_ms</c> as well as the
/// engine's metrics), so the column is a name checked against the dataset, not a fixed enum.
/// </summary>
public sealed record ReportObjective(string Column, bool Maximize)
{
    public override string ToString() => (Maximize ? "max:" : "min:") + Column;

    /// <summary>"min" or "max", for labels.</summary>
    public string Direction => Maximize ? "max" : "min";

    /// <summary>Parses <c>min:name</c> or <c>max:name</c>; null when malformed.</summary>
    public static ReportObjective? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var direction = text[..colon].Trim();
        var column = text[(colon + 1)..].Trim();
        if (direction is not ("min" or "max") || column.Length == 0 || !column.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return null;
        }

        return new ReportObjective(column, direction == "max");
    }
}
