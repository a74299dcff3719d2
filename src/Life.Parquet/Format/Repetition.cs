namespace Life.Parquet.Format;

/// <summary>parquet.thrift <c>FieldRepetitionType</c>: flat schemas never repeat.</summary>
internal enum Repetition
{
    Required = 0,
    Optional = 1,
}
