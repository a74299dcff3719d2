namespace Life.Engine.Calibration;

public static class WeightFormats
{
    private static readonly string[] Names = ["float", "integer-group", "legacy-block", "super-block"];

    public static string Name(WeightFormat format) => Names[(int)format];

    public static bool TryParse(string name, out WeightFormat format)
    {
        var index = Array.IndexOf(Names, name);
        format = (WeightFormat)Math.Max(index, 0);
        return index >= 0;
    }

    public static WeightFormat Of(double bits)
    {
        if (bits >= 16)
        {
            return WeightFormat.Float;
        }

        var fraction = bits - Math.Floor(bits);
        if (fraction == 0)
        {
            return WeightFormat.IntegerGroup;
        }

        return Math.Abs(fraction - 0.5) < 1e-9 ? WeightFormat.LegacyBlock : WeightFormat.SuperBlock;
    }
}
