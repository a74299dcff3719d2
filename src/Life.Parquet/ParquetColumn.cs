namespace Life.Parquet;

/// <summary>One leaf column of a flat schema.</summary>
/// <param name="Name">Column name; unique within the schema.</param>
/// <param name="Type">Value type.</param>
/// <param name="IsNullable">OPTIONAL (may hold nulls) when true, REQUIRED otherwise.</param>
public sealed record ParquetColumn(string Name, ParquetType Type, bool IsNullable = false);
