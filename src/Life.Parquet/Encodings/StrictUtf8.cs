using System.Text;

namespace Life.Parquet.Encodings;

/// <summary>
/// UTF-8 that throws on unpaired surrogates instead of writing U+FFFD: a string that cannot
/// round-trip must not be written silently changed.
/// </summary>
internal static class StrictUtf8
{
    public static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
