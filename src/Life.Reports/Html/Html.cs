using System.Net;
using System.Text.RegularExpressions;

namespace Life.Reports.Html;

/// <summary>Escaping, and making an exported SVG fit to inline among others in one page.</summary>
internal static partial class Html
{
    /// <summary>Text as HTML: every name in a report comes from a spec or a file, so nothing is trusted.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>
    /// The SVG without its XML declaration, its element ids (clip paths) prefixed: each exported SVG
    /// numbers its ids from the same start, and in one page the first of two equal ids wins, so the
    /// second plot would be clipped by the first one's rectangle.
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
