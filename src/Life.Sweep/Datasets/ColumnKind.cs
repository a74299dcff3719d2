namespace Life.Sweep.Datasets;

/// <summary>What a dataset column holds, as far as fronts, tables and JSON care.</summary>
public enum ColumnKind
{
    /// <summary>INTEGER or BIGINT.</summary>
    Integer,

    /// <summary>DOUBLE or FLOAT.</summary>
    Real,

    Boolean,

    /// <summary>VARCHAR, and anything else, as its text.</summary>
    Text,
}
