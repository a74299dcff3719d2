using System.Buffers.Binary;

namespace Life.Parquet.Encodings;

/// <summary>
/// Decodes the RLE / bit-packing hybrid (encoding RLE = 3): definition levels, dictionary ids and
/// RLE booleans. Runs are consumed in order; a caller may read a page's values in several calls.
/// Values wider than <c>bitWidth</c> cannot occur; data that ends before the values requested
/// throws <see cref="InvalidDataException"/>. No length prefix: callers strip it where present.
/// </summary>
internal ref struct RleHybridReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _bitWidth;
    private int _position;

    /// <summary>Values left in the current run, and for an RLE run its value.</summary>
    private int _runRemaining;
    private bool _runIsRle;
    private int _rleValue;

    /// <summary>Bit offset of the next bit-packed value within the data.</summary>
    private long _bitPosition;

    public RleHybridReader(ReadOnlySpan<byte> data, int bitWidth)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new InvalidDataException($"RLE bit width {bitWidth} is outside 0..32.");
        }

        _data = data;
        _bitWidth = bitWidth;
    }

    /// <summary>Fills <paramref name="destination"/> with the next values.</summary>
    public void Read(Span<int> destination)
    {
        var filled = 0;
        while (filled < destination.Length)
        {
            if (_runRemaining == 0)
            {
                NextRun();
                continue;
            }

            var count = Math.Min(_runRemaining, destination.Length - filled);
            var target = destination.Slice(filled, count);
            if (_runIsRle)
            {
                target.Fill(_rleValue);
            }
            else
            {
                Unpack(target);
            }

            _runRemaining -= count;
            filled += count;
        }
    }

    private void NextRun()
    {
        var header = ReadVarUInt32();
        if ((header & 1) == 0)
        {
            var valueBytes = (_bitWidth + 7) >> 3;
            if (valueBytes > _data.Length - _position)
            {
                throw new InvalidDataException("RLE run value is truncated.");
            }

            Span<byte> value = stackalloc byte[4];
            value.Clear();
            _data.Slice(_position, valueBytes).CopyTo(value);
            _position += valueBytes;
            _runIsRle = true;
            _rleValue = (int)BinaryPrimitives.ReadUInt32LittleEndian(value);
            _runRemaining = (int)Math.Min(header >> 1, int.MaxValue);
            if (_bitWidth < 32 && (uint)_rleValue >> _bitWidth != 0)
            {
                throw new InvalidDataException($"RLE run value {(uint)_rleValue} does not fit in {_bitWidth} bits.");
            }

            return;
        }

        // A bit-packed run: groups of eight values, bitWidth bytes per group. The final run of a
        // page may be cut short by writers that drop the padding, so only whole values count.
        var groups = header >> 1;
        var bytes = (long)groups * _bitWidth;
        var available = Math.Min(bytes, _data.Length - _position);
        var values = _bitWidth == 0 ? groups * 8L : available * 8 / _bitWidth;
        if (values == 0)
        {
            throw new InvalidDataException("RLE data ends before the values it should hold.");
        }

        _runIsRle = false;
        _runRemaining = (int)Math.Min(values, int.MaxValue);
        _bitPosition = (long)_position * 8;
        _position += (int)available;
    }

    private void Unpack(Span<int> target)
    {
        if (_bitWidth == 0)
        {
            target.Clear();
            return;
        }

        var mask = _bitWidth == 32 ? ulong.MaxValue >> 32 : (1UL << _bitWidth) - 1;
        var bit = _bitPosition;
        for (var i = 0; i < target.Length; i++)
        {
            // Up to 32 bits starting at any bit offset span at most five bytes: one 8-byte load,
            // byte by byte only near the end of the data.
            var byteIndex = (int)(bit >> 3);
            var shift = (int)(bit & 7);
            ulong word;
            if (byteIndex + 8 <= _data.Length)
            {
                word = BinaryPrimitives.ReadUInt64LittleEndian(_data[byteIndex..]);
            }
            else
            {
                word = 0;
                for (var b = 0; byteIndex + b < _data.Length; b++)
                {
                    word |= (ulong)_data[byteIndex + b] << (8 * b);
                }
            }

            target[i] = (int)((word >> shift) & mask);
            bit += _bitWidth;
        }

        _bitPosition = bit;
    }

    private uint ReadVarUInt32()
    {
        uint value = 0;
        for (var i = 0; i < 5; i++)
        {
            if (_position >= _data.Length)
            {
                throw new InvalidDataException("RLE data ends before the values it should hold.");
            }

            var b = _data[_position++];
            value |= (uint)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("RLE run header is too long.");
    }
}
