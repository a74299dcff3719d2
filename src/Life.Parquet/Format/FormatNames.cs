using System.Globalization;

namespace Life.Parquet.Format;

/// <summary>parquet.thrift's names for enum values, so error messages say what the format says.</summary>
internal static class FormatNames
{
    private static readonly string[] PhysicalTypes =
        ["BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"];

    private static readonly string[] ConvertedTypes =
    [
        "UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS", "TIME_MICROS", "TIMESTAMP_MILLIS",
        "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8", "INT_16", "INT_32", "INT_64", "JSON", "BSON", "INTERVAL",
    ];

    private static readonly string[] Encodings =
    [
        "PLAIN", "GROUP_VAR_INT", "PLAIN_DICTIONARY", "RLE", "BIT_PACKED", "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY",
        "DELTA_BYTE_ARRAY", "RLE_DICTIONARY", "BYTE_STREAM_SPLIT", "ALP",
    ];

    private static readonly string[] Codecs = ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"];

    public static string PhysicalType(int value) => Name(PhysicalTypes, value);

    public static string ConvertedType(int value) => Name(ConvertedTypes, value);

    public static string Encoding(int value) => Name(Encodings, value);

    public static string Codec(int value) => Name(Codecs, value);

    private static string Name(string[] names, int value) =>
        (uint)value < (uint)names.Length ? names[value] : "#" + value.ToString(CultureInfo.InvariantCulture);
}
