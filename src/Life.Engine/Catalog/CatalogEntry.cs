namespace Life.Engine.Catalog;

/// <summary>One catalog entry: its id, the spec, aliases, and where each number came from.</summary>
public sealed record CatalogEntry<T>(string Id, T Spec, IReadOnlyList<string> Aliases, IReadOnlyDictionary<string, string> Sources)
    where T : struct;
