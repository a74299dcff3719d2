namespace Life.Engine;

/// <summary>Marker for the engine assembly until the engine lands.</summary>
public static class EngineAssembly
{
    public const string Name = "Life.Engine";
}
