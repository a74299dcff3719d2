using System.Text;

namespace Life.Engine.Resources;

/// <summary>
/// Text of a resource embedded in this assembly (the catalogs and the fitted defaults). Read through
/// a memory copy rather than a StreamReader, so the engine's no-file-access test can forbid readers
/// outright instead of telling their stream constructor from their path constructor.
/// </summary>
internal static class EmbeddedText
{
    public static string? TryRead(string name)
    {
        using var stream = typeof(EmbeddedText).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var text = Encoding.UTF8.GetString(copy.GetBuffer(), 0, (int)copy.Length);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    public static string Read(string name) => TryRead(name) ?? throw new InvalidOperationException($"missing resource {name}");
}
