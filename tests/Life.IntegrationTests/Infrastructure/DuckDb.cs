using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Life.IntegrationTests.Infrastructure;

/// <summary>
/// Queries Parquet files with DuckDB (DuckDB.NET, in process): one JSON array of row objects per
/// statement, BIGINT values as decimal strings (exact beyond 2^53), other numbers as JSON numbers
/// (non-finite doubles as "NaN"/"Infinity" strings), nulls as null.
/// </summary>
internal static class DuckDb
{
    public static JsonElement[] Query(params string[] statements)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (var statement in statements)
            {
                using var command = connection.CreateCommand();
                command.CommandText = statement;
                using var reader = command.ExecuteReader();
                json.WriteStartArray();
                while (reader.Read())
                {
                    json.WriteStartObject();
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        json.WritePropertyName(reader.GetName(i));
                        WriteValue(json, reader.IsDBNull(i) ? null : reader.GetValue(i));
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return [.. document.RootElement.Clone().EnumerateArray()];
    }

    public static string Literal(string path) => $"'{path.Replace("'", "''", StringComparison.Ordinal)}'";

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case long or ulong or System.Numerics.BigInteger:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case int or short or sbyte or byte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(number))
                {
                    json.WriteNumberValue(number);
                }
                else
                {
                    json.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
