namespace Life.Engine.Specs;

public enum NormKind : byte
{
    RmsNorm = 0,
    LayerNorm = 1,
}
