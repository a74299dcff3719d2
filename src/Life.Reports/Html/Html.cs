using System.Net;
using System.Text.RegularExpressions;

namespace Life.Reports.Html;

/// <summary>Escaping, and making an exported SVG fit to inline among others in one page.</summary>
internal static partial class Html
{
    /// <summary>Text as HTML: every name in a report comes from a spec or a file, so nothing is trusted.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>
    /// The SVG without its XML declaration, its element ids (clip paths) prefixed by the plot: in one
    /// page the first of two equal ids wins, so a plot could be clipped by another's rectangle. Skia
    /// happens to number clip paths across a whole process today; the prefix keeps the page right
    /// without relying on that.
    /// </summary>
    public static string InlineSvg(string svg, string prefix)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var body = start >= 0 ? svg[start..] : svg;
        return IdReference().Replace(body, m => m.Groups[1].Value + prefix + "-");
    }

    [GeneratedRegex("""(\bid="|url\(#|href="#)""")]
    private static partial Regex IdReference();
}
