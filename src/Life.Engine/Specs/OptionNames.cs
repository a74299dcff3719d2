namespace Life.Engine.Specs;

/// <summary>The command-line and spec spellings of the enumerated options, in both directions.</summary>
public static class OptionNames
{
    private static readonly string[] FusionNames = ["eager", "flash", "full"];
    private static readonly string[] KvCacheNames = ["static", "concat"];
    private static readonly string[] LoraNames = ["unmerged", "merged", "merge-inline"];
    private static readonly string[] CountingNames = ["serving", "life"];
    private static readonly string[] ActivationFormatNames = ["int", "fp"];

    public static IReadOnlyList<string> FusionLevels => FusionNames;

    public static IReadOnlyList<string> KvCacheModes => KvCacheNames;

    public static IReadOnlyList<string> LoraModes => LoraNames;

    public static IReadOnlyList<string> CountingConventions => CountingNames;

    public static IReadOnlyList<string> ActivationFormats => ActivationFormatNames;

    public static FusionLevel ParseFusion(string text) => text switch
    {
        "eager" => FusionLevel.Eager,
        "flash" => FusionLevel.Flash,
        "full" => FusionLevel.Full,
        _ => throw Unknown("fusion", text, FusionNames),
    };

    public static KvCacheMode ParseKvCache(string text) => text switch
    {
        "static" => KvCacheMode.Static,
        "concat" => KvCacheMode.Concat,
        _ => throw Unknown("kv_cache", text, KvCacheNames),
    };

    public static LoraMode ParseLoraMode(string text) => text switch
    {
        "unmerged" => LoraMode.Unmerged,
        "merged" => LoraMode.Merged,
        "merge-inline" => LoraMode.MergeInline,
        _ => throw Unknown("lora_mode", text, LoraNames),
    };

    public static CountingConvention ParseCounting(string text) => text switch
    {
        "serving" => CountingConvention.Serving,
        "life" => CountingConvention.Life,
        _ => throw Unknown("counting", text, CountingNames),
    };

    public static ActivationFormat ParseActivationFormat(string text) => text switch
    {
        "int" => ActivationFormat.Int,
        "fp" => ActivationFormat.Float,
        _ => throw Unknown("act_format", text, ActivationFormatNames),
    };

    public static string Format(FusionLevel value) => FusionNames[(int)value];

    public static string Format(KvCacheMode value) => KvCacheNames[(int)value];

    public static string Format(LoraMode value) => LoraNames[(int)value];

    public static string Format(CountingConvention value) => CountingNames[(int)value];

    public static string Format(ActivationFormat value) => ActivationFormatNames[(int)value];

    private static EngineInputException Unknown(string field, string text, string[] allowed) =>
        new($"{field} '{text}' is not one of {string.Join(", ", allowed)}");
}
