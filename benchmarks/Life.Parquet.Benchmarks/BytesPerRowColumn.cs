using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Life.Parquet.Benchmarks;

/// <summary>File bytes per row of the sweep-like table for the case's codec (computed once per codec).</summary>
public sealed class BytesPerRowColumn : IColumn
{
    private static readonly Lazy<SweepLikeTable> Table = new(() => new SweepLikeTable(SweepTableWriteBenchmarks.Rows));
    private readonly ConcurrentDictionary<ParquetCompression, double> _bytesPerRow = new();

    public string Id => nameof(BytesPerRowColumn);

    public string ColumnName => "BytesPerRow";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Parquet file size divided by the number of rows";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Codec"] is not ParquetCompression codec)
        {
            return "-";
        }

        var bytesPerRow = _bytesPerRow.GetOrAdd(codec, c => (double)FileSizeReport.OurSize(Table.Value, c) / Table.Value.RowCount);
        return bytesPerRow.ToString("F2", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
