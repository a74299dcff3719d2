namespace Life.Sweep.Specs;

/// <summary>
/// One sweep dimension: the spec key (also the result column name) and its values. Text values are
/// stored as indices into <see cref="Texts"/>; numeric ones in <see cref="Numbers"/>.
/// </summary>
public sealed class Dimension
{
    public Dimension(string key, DimensionKind kind, IReadOnlyList<string> texts, IReadOnlyList<double> numbers)
    {
        Key = key;
        Kind = kind;
        Texts = [.. texts];
        Numbers = [.. numbers];
    }

    public string Key { get; }

    public DimensionKind Kind { get; }

    /// <summary>Values of a text dimension (hardware and model ids, option names).</summary>
    public string[] Texts { get; }

    /// <summary>Values of a numeric dimension.</summary>
    public double[] Numbers { get; }

    public int Count => Kind == DimensionKind.Text ? Texts.Length : Numbers.Length;

    public static Dimension OfTexts(string key, IReadOnlyList<string> values) => new(key, DimensionKind.Text, values, []);

    public static Dimension OfNumbers(string key, DimensionKind kind, IReadOnlyList<double> values) => new(key, kind, [], values);

    public string Format(int index) => Kind == DimensionKind.Text
        ? Texts[index]
        : Numbers[index].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
