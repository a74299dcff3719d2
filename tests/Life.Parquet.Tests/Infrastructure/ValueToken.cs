using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Life.Parquet.Tests.Infrastructure;

/// <summary>
/// One comparable token per value, the same as tests/tools/parquet-readers/canonical.mjs builds
/// for its digests: numbers read as JS numbers (INT32, FLOAT, DOUBLE) by their IEEE-754 double
/// bits, 64-bit integers and timestamps as decimals, strings length-prefixed.
/// </summary>
internal static class ValueToken
{
    public const string Null = "n;";

    public static string ForNumber(double value) =>
        double.IsNaN(value) ? "dNaN;" : $"d{BitConverter.DoubleToUInt64Bits(value):x16};";

    public static string ForInteger(long value) => $"i{value.ToString(CultureInfo.InvariantCulture)};";

    public static string ForBoolean(bool value) => value ? "t;" : "f;";

    public static string ForString(string value) => $"s{Encoding.UTF8.GetByteCount(value)}:{value};";

    /// <summary>The token of a canonical JSON value printed by a reader script.</summary>
    public static string FromJson(JsonElement value, ParquetType type)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return Null;
            case JsonValueKind.True:
                return ForBoolean(true);
            case JsonValueKind.False:
                return ForBoolean(false);
            case JsonValueKind.Number:
                return ForNumber(value.GetDouble());
        }

        var text = value.GetString()!;
        return type switch
        {
            ParquetType.Int64 or ParquetType.TimestampMicros => $"i{text};",
            ParquetType.String => ForString(text),
            _ => text switch
            {
                "NaN" => ForNumber(double.NaN),
                "Infinity" => ForNumber(double.PositiveInfinity),
                "-Infinity" => ForNumber(double.NegativeInfinity),
                "-0" => ForNumber(-0.0),
                _ => throw new FormatException($"Unexpected canonical number '{text}'."),
            },
        };
    }
}
