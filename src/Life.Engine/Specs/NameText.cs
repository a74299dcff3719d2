namespace Life.Engine.Specs;

/// <summary>Matching of free-form names (devices, frameworks) as measurement files write them.</summary>
internal static class NameText
{
    public static bool ContainsAny(string text, params string[] needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
