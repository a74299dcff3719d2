using System.Text.RegularExpressions;

namespace Life.Engine.Catalog;

/// <summary>
/// Finds the catalog device a free-form name means, as measurement files and tools write it:
/// "NVIDIA A100-SXM4-80GB", "NVIDIA GeForce RTX 3060 12GB", "Apple M3 Max (40-core GPU, 64GB)",
/// "AMD Radeon RX 7900 XTX". Names become sets of tokens without brand and memory-type words; an
/// entry matches when all of its tokens (one at least naming a model number) are in the name, and
/// the entry with the most tokens wins, so "A100 80GB PCIe" is a100-80gb-pcie, not a100-80gb. A
/// variant word in the name (Ti, Super, XT, PCIe, SXM, Laptop, Pro, Max…) must be in the entry too:
/// an RTX 4090 Laptop is not an RTX 4090. Two different entries tied for the most tokens mean the
/// name is ambiguous: no match.
/// </summary>
public static partial class HardwareNameMatcher
{
    // Brand and packaging words say nothing about which part it is; memory types repeat what the
    // part implies. Form factors (pcie, sxm) and variants (ti, super, xt, laptop) do tell parts apart.
    private static readonly HashSet<string> Noise = new(StringComparer.Ordinal)
    {
        "nvidia", "geforce", "amd", "radeon", "instinct", "apple", "intel", "tesla", "quadro", "gpu", "graphics", "card",
        "founders", "edition", "fe", "hbm", "hbm2", "hbm2e", "hbm3", "hbm3e", "gddr6", "gddr6x", "gddr7", "lpddr5", "lpddr5x", "with",
    };

    private static readonly HashSet<string> Variants = new(StringComparer.Ordinal)
    {
        "ti", "super", "xt", "xtx", "pcie", "sxm", "nvl", "laptop", "mobile", "pro", "max", "ultra", "d", "lite",
    };

    public static IReadOnlySet<string> Tokens(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.ToLowerInvariant();
        text = CoreCount().Replace(text, "${n}c");
        text = Gigabytes().Replace(text, "${n}gb");
        text = Sxm().Replace(text, "sxm");
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in Separators().Split(text))
        {
            if (token.Length > 0 && !Noise.Contains(token))
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    /// <summary>The id of the one entry whose tokens the name covers most specifically, or null.</summary>
    public static string? Match(string name, IEnumerable<(string Name, string Id)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var wanted = Tokens(name);
        string? best = null;
        var bestCount = 0;
        var tied = false;
        foreach (var (entryName, id) in entries)
        {
            var tokens = Tokens(entryName);
            if (tokens.Count == 0 || !tokens.Any(t => t.Any(char.IsDigit)) || !tokens.IsSubsetOf(wanted) || wanted.Any(t => Variants.Contains(t) && !tokens.Contains(t)))
            {
                continue;
            }

            if (tokens.Count > bestCount)
            {
                (best, bestCount, tied) = (id, tokens.Count, false);
            }
            else if (tokens.Count == bestCount && id != best)
            {
                tied = true;
            }
        }

        return tied ? null : best;
    }

    [GeneratedRegex(@"(?<n>\d+)[- ]?cores?\b", RegexOptions.CultureInvariant)]
    private static partial Regex CoreCount();

    [GeneratedRegex(@"(?<n>\d+)\s?gb\b", RegexOptions.CultureInvariant)]
    private static partial Regex Gigabytes();

    [GeneratedRegex(@"\bsxm\d\b", RegexOptions.CultureInvariant)]
    private static partial Regex Sxm();

    [GeneratedRegex(@"[^a-z0-9.+]+", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();
}
