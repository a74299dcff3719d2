namespace Life.SweepClient.Output;

/// <summary>How <c>query</c> prints its rows.</summary>
internal enum QueryFormat
{
    Table,
    Csv,
    Json,
}
