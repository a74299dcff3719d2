using Life.Parquet.Format;

namespace Life.Parquet.Footer;

/// <summary>
/// Turns the footer's schema elements into a flat <see cref="ParquetSchema"/>: a root whose
/// children are all primitive, REQUIRED or OPTIONAL leaves of a type this library represents.
/// Anything else is refused with a message naming the column, rather than read wrongly.
/// </summary>
internal static class SchemaResolver
{
    public static ParquetSchema Resolve(IReadOnlyList<SchemaElement> elements)
    {
        if (elements.Count == 0)
        {
            throw new InvalidDataException("the schema is empty (no root element).");
        }

        var root = elements[0];
        var children = root.NumChildren ?? 0;
        if (root.Type is not null || children <= 0)
        {
            throw new InvalidDataException("the schema root is not a group with columns.");
        }

        var columns = new List<ParquetColumn>(children);
        for (var i = 1; i < elements.Count; i++)
        {
            var element = elements[i];
            if (element.NumChildren is > 0 || element.Type is null)
            {
                throw new NotSupportedException($"column '{element.Name}' is a nested group; only flat schemas are supported.");
            }

            var repetition = element.RepetitionType ?? (int)Repetition.Required;
            if (repetition is not ((int)Repetition.Required or (int)Repetition.Optional))
            {
                throw new NotSupportedException($"column '{element.Name}' is REPEATED; only flat schemas are supported.");
            }

            columns.Add(new ParquetColumn(element.Name, TypeOf(element), repetition == (int)Repetition.Optional));
        }

        if (columns.Count != children)
        {
            throw new InvalidDataException($"the schema root has {children} children but {columns.Count} columns follow it.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Name.Length == 0 || !names.Add(column.Name))
            {
                throw new InvalidDataException($"column name '{column.Name}' is empty or appears twice.");
            }
        }

        return new ParquetSchema(columns);
    }

    private static ParquetType TypeOf(SchemaElement element)
    {
        var logical = element.LogicalType;
        var converted = element.ConvertedType is { } c ? (ConvertedType?)c : null;
        return (PhysicalType)element.Type!.Value switch
        {
            PhysicalType.Boolean when logical is null && converted is null => ParquetType.Boolean,
            PhysicalType.Int32 when IsPlainInteger(logical, converted, 32) => ParquetType.Int32,
            PhysicalType.Int64 when IsPlainInteger(logical, converted, 64) => ParquetType.Int64,
            PhysicalType.Int64 when IsMicrosecondTimestamp(logical, converted) => ParquetType.TimestampMicros,
            PhysicalType.Float when logical is null && converted is null => ParquetType.Float,
            PhysicalType.Double when logical is null && converted is null => ParquetType.Double,
            PhysicalType.ByteArray when IsText(logical, converted) => ParquetType.String,
            _ => throw new NotSupportedException($"column '{element.Name}' has type {Describe(element)}, which this reader does not support."),
        };
    }

    /// <summary>Signed integers stored at full width; narrower signed and unsigned types fit in INT32 too.</summary>
    private static bool IsPlainInteger(LogicalType? logical, ConvertedType? converted, int width)
    {
        if (logical is not null)
        {
            return logical.Kind == LogicalType.Integer && (logical.IsSigned ? logical.BitWidth <= width : logical.BitWidth < width);
        }

        return converted switch
        {
            null => true,
            ConvertedType.Int8 or ConvertedType.Int16 or ConvertedType.Int32 or ConvertedType.UInt8 or ConvertedType.UInt16 => width == 32,
            ConvertedType.Int64 => width == 64,

            // UINT_32 in INT32 and UINT_64 in INT64 would read as negative numbers.
            _ => false,
        };
    }

    private static bool IsMicrosecondTimestamp(LogicalType? logical, ConvertedType? converted) =>
        logical is not null
            ? logical.Kind == LogicalType.Timestamp && logical.Unit == LogicalType.Micros
            : converted == ConvertedType.TimestampMicros;

    /// <summary>STRING, ENUM, JSON or unannotated BYTE_ARRAY: read as UTF-8 text.</summary>
    private static bool IsText(LogicalType? logical, ConvertedType? converted) =>
        logical is not null
            ? logical.Kind is LogicalType.String or LogicalType.Enum or LogicalType.Json
            : converted is null or ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json;

    private static string Describe(SchemaElement element)
    {
        var name = FormatNames.PhysicalType(element.Type!.Value);
        if (element.LogicalType is { } logical)
        {
            return $"{name} with logical type {LogicalName(logical)}";
        }

        return element.ConvertedType is { } converted ? $"{name} with converted type {FormatNames.ConvertedType(converted)}" : name;
    }

    private static string LogicalName(LogicalType logical) => logical.Kind switch
    {
        LogicalType.String => "STRING",
        LogicalType.Enum => "ENUM",
        LogicalType.Decimal => "DECIMAL",
        LogicalType.Date => "DATE",
        LogicalType.Time => "TIME",
        LogicalType.Timestamp => logical.Unit switch
        {
            LogicalType.Millis => "TIMESTAMP(MILLIS)",
            LogicalType.Nanos => "TIMESTAMP(NANOS)",
            _ => "TIMESTAMP",
        },
        LogicalType.Integer => $"INTEGER({logical.BitWidth}, {(logical.IsSigned ? "signed" : "unsigned")})",
        LogicalType.Json => "JSON",
        _ => $"#{logical.Kind}",
    };
}
