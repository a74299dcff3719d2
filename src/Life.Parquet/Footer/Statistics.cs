using Life.Parquet.Thrift;

namespace Life.Parquet.Footer;

/// <summary>parquet.thrift <c>Statistics</c> of a column chunk or page; bounds are PLAIN bytes (strings: raw UTF-8).</summary>
internal sealed class Statistics
{
    public long? NullCount { get; private set; }

    public long? DistinctCount { get; private set; }

    /// <summary>min_value, or the deprecated min when only that is present.</summary>
    public byte[]? Min { get; private set; }

    /// <summary>max_value, or the deprecated max when only that is present.</summary>
    public byte[]? Max { get; private set; }

    public long? NanCount { get; private set; }

    public static Statistics Read(ref ThriftCompactReader reader)
    {
        var result = new Statistics();
        byte[]? legacyMin = null, legacyMax = null;
        var saved = reader.BeginStruct();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary:
                    legacyMax = reader.ReadBinary().ToArray();
                    break;
                case 2 when type == CompactType.Binary:
                    legacyMin = reader.ReadBinary().ToArray();
                    break;
                case 3 when type == CompactType.I64:
                    result.NullCount = reader.ReadI64();
                    break;
                case 4 when type == CompactType.I64:
                    result.DistinctCount = reader.ReadI64();
                    break;
                case 5 when type == CompactType.Binary:
                    result.Max = reader.ReadBinary().ToArray();
                    break;
                case 6 when type == CompactType.Binary:
                    result.Min = reader.ReadBinary().ToArray();
                    break;
                case 9 when type == CompactType.I64:
                    result.NanCount = reader.ReadI64();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        result.Min ??= legacyMin;
        result.Max ??= legacyMax;
        return result;
    }
}
