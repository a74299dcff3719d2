namespace Life.Sweep.Specs;

/// <summary>One Pareto objective: minimize or maximize a metric column (spec form <c>min:tpot_ms</c>).</summary>
public readonly record struct Objective(MetricColumn Column, bool Maximize)
{
    public override string ToString() => (Maximize ? "max:" : "min:") + MetricColumns.Name(Column);

    /// <summary>Parses <c>min:name</c> or <c>max:name</c>; null when malformed.</summary>
    public static Objective? TryParse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var direction = text[..colon].Trim();
        if (direction is not ("min" or "max") || !MetricColumns.TryParse(text[(colon + 1)..].Trim(), out var column))
        {
            return null;
        }

        return new Objective(column, direction == "max");
    }
}
