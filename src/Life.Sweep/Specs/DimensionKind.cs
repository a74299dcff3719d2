namespace Life.Sweep.Specs;

/// <summary>How a dimension's values are stored in the results: dictionary strings, doubles or integers.</summary>
public enum DimensionKind : byte
{
    Text = 0,
    Real = 1,
    Integer = 2,
}
