using System.Text.RegularExpressions;

namespace Life.Engine.Catalog;

/// <summary>
/// A loose key for model names as measurement files and users write them: "Meta-Llama-3-8B-Instruct",
/// "meta-llama/Llama-2-7b-chat-hf", "llama3.1:8b", "mistral-7b-instruct-v0.2", "llama-2-7b.Q4_0.gguf"
/// all name an architecture the catalog has under a plain id. Instruct, chat and base variants,
/// revisions and weight-format suffixes share the architecture, and weight precision is a column of
/// its own, so the key drops them; separators and case do not matter. Used only after an exact id or
/// alias failed to match, and only when exactly one catalog entry has the key.
/// </summary>
public static partial class ModelNameKey
{
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant();
        var slash = key.LastIndexOf('/');
        if (slash >= 0)
        {
            key = key[(slash + 1)..];
        }

        string previous;
        do
        {
            previous = key;
            key = VariantSuffix().Replace(key, string.Empty);
        }
        while (key != previous);

        if (key.StartsWith("meta-", StringComparison.Ordinal) || key.StartsWith("meta ", StringComparison.Ordinal) || key.StartsWith("meta_", StringComparison.Ordinal))
        {
            key = key[5..];
        }

        return Separators().Replace(key, string.Empty);
    }

    // Instruction tuning, chat templates, HF packaging, revisions (v0.2), file formats and quantization
    // labels (Q4_0, Q4_K_M, AWQ, GPTQ, fp8, 4bit): none changes the architecture's shapes.
    [GeneratedRegex(@"[-_. :](instruct|chat|hf|it|base|gguf|ggml|awq|gptq|exl2|mlx|fp16|bf16|fp8|fp32|int4|int8|[48]bit|w4a16|w8a8|q\d(_[a-z0-9]+)*|v\d+(\.\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex VariantSuffix();

    [GeneratedRegex(@"[-_ :]", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();
}
