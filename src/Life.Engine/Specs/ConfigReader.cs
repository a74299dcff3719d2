using System.Text.Json;

namespace Life.Engine.Specs;

/// <summary>
/// Typed, alias-aware access to a JSON config object, with errors that name the field. A nested text
/// model (<c>text_config</c>) is read with the outer object as fallback: multimodal configs keep some
/// keys (<c>tie_word_embeddings</c>, sometimes <c>vocab_size</c>) only at the top level.
/// </summary>
internal readonly struct ConfigReader
{
    private readonly JsonElement _root;
    private readonly JsonElement _fallback;
    private readonly string _source;

    public ConfigReader(JsonElement root, string source)
        : this(root, default, source)
    {
    }

    public ConfigReader(JsonElement root, JsonElement fallback, string source)
    {
        _root = root;
        _fallback = fallback;
        _source = source;
    }

    private bool TryGet(string name, out JsonElement value)
    {
        if (_root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        return _fallback.ValueKind == JsonValueKind.Object && _fallback.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    public int RequiredInt(params string[] names) =>
        Int(names) ?? throw new EngineInputException($"model config '{_source}': field '{names[0]}' is missing");

    public int? Int(params string[] names)
    {
        foreach (var name in names)
        {
            if (!TryGet(name, out var value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var real) && real == Math.Floor(real) && Math.Abs(real) < int.MaxValue)
            {
                return (int)real;
            }

            throw new EngineInputException($"model config '{_source}': field '{name}' is not an integer (got {value.GetRawText()})");
        }

        return null;
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new EngineInputException($"model config '{_source}': field '{name}' is not a boolean (got {value.GetRawText()})"),
        };
    }

    public string? String(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new EngineInputException($"model config '{_source}': field '{name}' is not a string (got {value.GetRawText()})");
    }

    /// <summary>True when <paramref name="name"/> holds a string (fields such as Mamba's <c>dt_rank</c> are a number or <c>"auto"</c>).</summary>
    public bool IsString(string name) => TryGet(name, out var value) && value.ValueKind == JsonValueKind.String;

    public List<string>? StringArray(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString() ?? string.Empty : item.GetRawText());
        }

        return list;
    }
}
