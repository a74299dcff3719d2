using System.Globalization;
using System.Text.Json;

namespace Life.Parquet.Tests.Infrastructure;

/// <summary>One row of DuckDB's parquet_metadata(): a column chunk as DuckDB read it from the footer.</summary>
internal sealed record ChunkMetadata(JsonElement Row)
{
    public int RowGroup => Int("row_group_id");

    public int Column => Int("column_id");

    public long Start => Long("dictionary_page_offset") ?? Long("data_page_offset")!.Value;

    public long End => Start + Long("total_compressed_size")!.Value;

    public string? Text(string name) => Row.GetProperty(name).ValueKind == JsonValueKind.Null ? null : Row.GetProperty(name).ToString();

    public long? Long(string name) => Text(name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : null;

    public static IReadOnlyList<ChunkMetadata> All(JsonElement duckDbResult) =>
        [.. duckDbResult.GetProperty("metadata").EnumerateArray().Select(row => new ChunkMetadata(row))];

    private int Int(string name) => (int)Long(name)!.Value;
}
