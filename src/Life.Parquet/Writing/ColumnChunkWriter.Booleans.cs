using Life.Parquet.Format;

namespace Life.Parquet.Writing;

/// <content>BOOLEAN chunks: always PLAIN, one bit per value, LSB first.</content>
internal sealed partial class ColumnChunkWriter
{
    public ColumnChunkMetadata WriteBooleans(ParquetColumn column, ReadOnlySpan<bool> values, ReadOnlySpan<bool> validity)
    {
        var nullCount = CountNulls(column, validity, values.Length);
        if (nullCount == 0)
        {
            validity = default;
        }

        var statistics = StatisticsBuilder.ForBooleans(values, validity, nullCount);
        var rowsPerPage = (int)Math.Min(int.MaxValue, _options.PageSize * 8L);

        _pages.BeginChunk();
        for (var row = 0; row < values.Length; row += rowsPerPage)
        {
            var count = Math.Min(rowsPerPage, values.Length - row);
            var present = BeginPage(validity, row, count, column.IsNullable);
            var destination = _body.GetSpan((present + 7) / 8);
            var page = values.Slice(row, count);
            var pageValidity = validity.IsEmpty ? default : validity.Slice(row, count);
            var bit = 0;
            var current = 0;
            var output = 0;
            for (var i = 0; i < page.Length; i++)
            {
                if (!pageValidity.IsEmpty && !pageValidity[i])
                {
                    continue;
                }

                current |= (page[i] ? 1 : 0) << bit;
                if (++bit == 8)
                {
                    destination[output++] = (byte)current;
                    current = 0;
                    bit = 0;
                }
            }

            if (bit > 0)
            {
                destination[output++] = (byte)current;
            }

            _body.Advance(output);
            _pages.WriteDataPage(_body.WrittenSpan, count, ValueEncoding.Plain);
        }

        return _pages.EndChunk(values.Length, column.IsNullable, statistics);
    }
}
