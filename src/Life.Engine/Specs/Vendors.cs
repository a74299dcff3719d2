using System.Text.RegularExpressions;

namespace Life.Engine.Specs;

/// <summary>Names and inference of <see cref="Vendor"/>.</summary>
public static partial class Vendors
{
    public static string Name(Vendor vendor) => vendor switch
    {
        Vendor.Nvidia => "nvidia",
        Vendor.Amd => "amd",
        Vendor.Apple => "apple",
        Vendor.Intel => "intel",
        _ => "other",
    };

    public static Vendor Parse(string? text) => (text ?? string.Empty).Trim().ToLowerInvariant() switch
    {
        "nvidia" => Vendor.Nvidia,
        "amd" => Vendor.Amd,
        "apple" => Vendor.Apple,
        "intel" => Vendor.Intel,
        _ => Vendor.Other,
    };

    /// <summary>The vendor a device name or id points to (e.g. "RTX 4090", "h100-sxm", "Radeon 8060S", "M2 Max").</summary>
    public static Vendor Infer(string? idOrName)
    {
        var s = (idOrName ?? string.Empty).ToLowerInvariant();
        if (NameText.ContainsAny(s, "nvidia", "geforce", "rtx", "gtx", "tesla", "quadro", "h100", "h200", "a100", "a10g", "l40", "v100", "gb10", "dgx", "jetson", "b200", "gb200", "t4"))
        {
            return Vendor.Nvidia;
        }

        if (NameText.ContainsAny(s, "amd", "radeon", "instinct", "mi300", "mi250", "mi325", "ryzen", "strix", "rx-", "rx "))
        {
            return Vendor.Amd;
        }

        // M1-M5 as words: "m2" is also inside "HBM2e".
        if (NameText.ContainsAny(s, "apple") || AppleChip().IsMatch(s))
        {
            return Vendor.Apple;
        }

        if (NameText.ContainsAny(s, "intel", "arc ", "arc-", "xeon", "core ultra", "gaudi", "lunar lake"))
        {
            return Vendor.Intel;
        }

        return s.StartsWith("l4", StringComparison.Ordinal) ? Vendor.Nvidia : Vendor.Other;
    }

    [GeneratedRegex(@"\bm[1-5]\b", RegexOptions.CultureInvariant)]
    private static partial Regex AppleChip();
}
