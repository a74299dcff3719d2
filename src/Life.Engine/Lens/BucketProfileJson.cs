using System.Text;
using System.Text.Json;
using static System.FormattableString;

namespace Life.Engine.Lens;

/// <summary>
/// The profile file (format <c>lens-profile/1</c>): device, optional model, prefill buckets
/// <c>{batch?, length, prefill_ms, runs?}</c>, decode buckets <c>{batch?, length, step_ms, runs?}</c> and the
/// measurements <c>{batch, input_tokens, output_tokens, e2e_ms, line?}</c> they came from. Read with the same
/// validation as construction, so a bad file is rejected with a message naming the bucket.
/// </summary>
public static class BucketProfileJson
{
    public const string Format = "lens-profile/1";

    public static BucketProfile Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return Read(document.RootElement, source);
        }
        catch (JsonException e)
        {
            throw new EngineInputException($"profile '{source}': not valid JSON ({e.Message})", e);
        }
    }

    public static BucketProfile Read(JsonElement root, string source)
    {
        var where = $"profile '{source}'";
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EngineInputException($"{where}: expected a JSON object");
        }

        var format = OptionalString(root, "format", where);
        if (format is not null && format != Format)
        {
            throw new EngineInputException($"{where}: format '{format}' is not {Format}");
        }

        var device = OptionalString(root, "device", where) ?? Path.GetFileNameWithoutExtension(source);
        var prefill = Array(root, "prefill_buckets", where, required: true).Select(
            (e, i) => ReadBucket(e, "prefill", "prefill_ms", i, where, (batch, length, value, runs) => new PrefillBucket(batch, length, value, runs))).ToList();
        var decode = Array(root, "decode_buckets", where, required: true).Select(
            (e, i) => ReadBucket(e, "decode", "step_ms", i, where, (batch, length, value, runs) => new DecodeBucket(batch, length, value, runs))).ToList();
        var measurements = Array(root, "measurements", where, required: false).Select((e, i) => ReadMeasurement(e, i, where)).ToList();
        return new BucketProfile(device, prefill, decode, measurements, OptionalString(root, "model", where), source);
    }

    public static string ToJson(BucketProfile profile)
    {
        using var stream = new MemoryStream();
        Write(profile, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(BucketProfile profile, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(profile);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("device", profile.Device);
        if (profile.Model is not null)
        {
            json.WriteString("model", profile.Model);
        }

        json.WriteStartArray("prefill_buckets");
        foreach (var b in profile.PrefillBuckets)
        {
            WriteBucket(json, b.Batch, b.Length, "prefill_ms", b.PrefillMs, b.Runs);
        }

        json.WriteEndArray();
        json.WriteStartArray("decode_buckets");
        foreach (var b in profile.DecodeBuckets)
        {
            WriteBucket(json, b.Batch, b.Length, "step_ms", b.StepMs, b.Runs);
        }

        json.WriteEndArray();
        json.WriteStartArray("measurements");
        foreach (var m in profile.Measurements)
        {
            json.WriteStartObject();
            json.WriteNumber("batch", m.Batch);
            json.WriteNumber("input_tokens", m.InputTokens);
            json.WriteNumber("output_tokens", m.OutputTokens);
            json.WriteNumber("e2e_ms", m.E2eMs);
            if (m.Line > 0)
            {
                json.WriteNumber("line", m.Line);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteBucket(Utf8JsonWriter json, int batch, int length, string field, double value, int runs)
    {
        json.WriteStartObject();
        if (batch > 0)
        {
            json.WriteNumber("batch", batch);
        }

        json.WriteNumber("length", length);
        json.WriteNumber(field, value);
        if (runs > 0)
        {
            json.WriteNumber("runs", runs);
        }

        json.WriteEndObject();
    }

    private static T ReadBucket<T>(JsonElement e, string phase, string field, int index, string where, Func<int, int, double, int, T> create)
    {
        var at = Invariant($"{where}: {phase}_buckets[{index}]");
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new EngineInputException($"{at}: expected an object");
        }

        var length = Integer(e, "length", at) ?? throw new EngineInputException($"{at}: field 'length' is missing");
        var batch = Integer(e, "batch", at) ?? 0;
        var bucket = Invariant($"{where}: {phase} bucket {length}{ProfileValidation.Of(batch)}");
        var value = Number(e, field, bucket) ?? throw new EngineInputException($"{bucket}: field '{field}' is missing");
        return create(batch, length, value, Integer(e, "runs", bucket) ?? 0);
    }

    private static BucketMeasurement ReadMeasurement(JsonElement e, int index, string where)
    {
        var at = Invariant($"{where}: measurements[{index}]");
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new EngineInputException($"{at}: expected an object");
        }

        int Required(string name) => Integer(e, name, at) ?? throw new EngineInputException($"{at}: field '{name}' is missing");
        var e2e = Number(e, "e2e_ms", at) ?? throw new EngineInputException($"{at}: field 'e2e_ms' is missing");
        return new BucketMeasurement(Required("batch"), Required("input_tokens"), Required("output_tokens"), e2e, 0, Integer(e, "line", at) ?? 0);
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name, string where, bool required)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new EngineInputException($"{where}: field '{name}' is missing") : [];
        }

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().ToList()
            : throw new EngineInputException($"{where}: field '{name}' is not an array");
    }

    private static string? OptionalString(JsonElement root, string name, string where)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new EngineInputException($"{where}: field '{name}' is not a string (got {value.GetRawText()})");
    }

    private static double? Number(JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new EngineInputException($"{where}: field '{name}' is not a number (got {value.GetRawText()})");
    }

    private static int? Integer(JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var parsed)
            ? parsed
            : throw new EngineInputException($"{where}: field '{name}' is not an integer (got {value.GetRawText()})");
    }
}
