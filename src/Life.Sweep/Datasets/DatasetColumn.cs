namespace Life.Sweep.Datasets;

/// <summary>A column of a dataset: its name, and its type as DuckDB reports it and as a <see cref="ColumnKind"/>.</summary>
public sealed record DatasetColumn(string Name, string SqlType, ColumnKind Kind)
{
    public bool IsNumeric => Kind is ColumnKind.Integer or ColumnKind.Real;

    /// <summary>The kind of a DuckDB type name (DESCRIBE's column_type).</summary>
    public static ColumnKind KindOf(string sqlType) => sqlType switch
    {
        "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" => ColumnKind.Integer,
        "FLOAT" or "DOUBLE" => ColumnKind.Real,
        "BOOLEAN" => ColumnKind.Boolean,
        _ => ColumnKind.Text,
    };
}
