using System.Text;
using System.Text.Json;

namespace Life.SweepClient.Commands;

/// <summary>Shared pieces of the <c>lens</c> commands' JSON output.</summary>
internal static class LensJson
{
    public static void Write(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>A number, or null when it is not finite (JSON has no NaN).</summary>
    public static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
