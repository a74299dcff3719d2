using System.Globalization;
using static System.FormattableString;

namespace Life.Engine.Lens;

/// <summary>One data line of a CSV file, addressed by header names; parse errors name the file, line and field.</summary>
internal readonly struct CsvRow(List<string> header, List<string> fields, string source, int line)
{
    public bool Has(string name) => header.Contains(name);

    public string Text(string name)
    {
        var index = header.IndexOf(name);
        if (index < 0)
        {
            return string.Empty;
        }

        return fields.Count == header.Count
            ? fields[index]
            : throw new EngineInputException(Invariant($"{source} line {line}: {fields.Count} fields, the header has {header.Count}"));
    }

    public int Positive(string name)
    {
        var text = Text(name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new EngineInputException(Invariant($"{source} line {line}: {name} = '{text}' is not a positive integer"));
    }

    public double PositiveNumber(string name)
    {
        var text = Text(name);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new EngineInputException(Invariant($"{source} line {line}: {name} = '{text}' is not a positive number of milliseconds"));
    }
}
