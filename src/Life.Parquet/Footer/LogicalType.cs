using Life.Parquet.Thrift;

namespace Life.Parquet.Footer;

/// <summary>
/// parquet.thrift <c>LogicalType</c> (a union): which member is set (its field id), plus the few
/// parameters the reader needs to decide whether it can represent the column.
/// </summary>
internal sealed class LogicalType
{
    public const int String = 1;
    public const int Enum = 4;
    public const int Decimal = 5;
    public const int Date = 6;
    public const int Time = 7;
    public const int Timestamp = 8;
    public const int Integer = 10;
    public const int Unknown = 11;
    public const int Json = 12;

    /// <summary>TimeUnit union members.</summary>
    public const int Millis = 1;
    public const int Micros = 2;
    public const int Nanos = 3;

    /// <summary>Field id of the member that is set (0 if none).</summary>
    public int Kind { get; private set; }

    /// <summary>For TIME and TIMESTAMP: the TimeUnit member (MILLIS, MICROS or NANOS).</summary>
    public int Unit { get; private set; }

    /// <summary>For INTEGER.</summary>
    public int BitWidth { get; private set; }

    /// <summary>For INTEGER.</summary>
    public bool IsSigned { get; private set; } = true;

    public static LogicalType Read(ref ThriftCompactReader reader)
    {
        var result = new LogicalType();
        var saved = reader.BeginStruct();
        while (reader.NextField(out var id, out var type))
        {
            if (type != CompactType.Struct)
            {
                reader.Skip(type);
                continue;
            }

            result.Kind = id;
            switch (id)
            {
                case Time or Timestamp:
                    result.ReadTimeParameters(ref reader);
                    break;
                case Integer:
                    result.ReadIntegerParameters(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return result;
    }

    private void ReadTimeParameters(ref ThriftCompactReader reader)
    {
        var saved = reader.BeginStruct();
        while (reader.NextField(out var id, out var type))
        {
            if (id == 2 && type == CompactType.Struct)
            {
                // TimeUnit union: the member's field id is the unit.
                var unitSaved = reader.BeginStruct();
                while (reader.NextField(out var unit, out var unitType))
                {
                    Unit = unit;
                    reader.Skip(unitType);
                }

                reader.EndStruct(unitSaved);
            }
            else
            {
                reader.Skip(type);
            }
        }

        reader.EndStruct(saved);
    }

    private void ReadIntegerParameters(ref ThriftCompactReader reader)
    {
        var saved = reader.BeginStruct();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I8:
                    BitWidth = (sbyte)reader.ReadByte();
                    break;
                case 2 when type is CompactType.BooleanTrue or CompactType.BooleanFalse:
                    IsSigned = ThriftCompactReader.BoolValue(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
    }
}
