using System.Numerics;
using System.Runtime.InteropServices;
using Life.Parquet.Format;

namespace Life.Parquet.Writing;

/// <summary>
/// Chunk statistics following the TYPE_ORDER rules: signed order for numbers, false &lt; true for
/// booleans, unsigned bytes for strings; NaN never becomes a bound (it is counted instead), and
/// a zero minimum is written as -0.0 and a zero maximum as +0.0.
/// </summary>
internal static class StatisticsBuilder
{
    public static ColumnStatistics ForNumbers<T>(ReadOnlySpan<T> values, ReadOnlySpan<bool> validity, int nullCount)
        where T : unmanaged, INumber<T>
    {
        var isFloat = typeof(T) == typeof(double) || typeof(T) == typeof(float);
        bool found;
        T min, max;
        long nanCount;
        if (nullCount == 0 && TryMinMaxWithoutNaN(values, out min, out max))
        {
            found = !values.IsEmpty;
            nanCount = 0;
        }
        else
        {
            found = MinMaxSparse(values, validity, out min, out max, out nanCount);
        }

        if (found && isFloat)
        {
            min = T.IsZero(min) ? -T.Zero : min;
            max = T.IsZero(max) ? T.Zero : max;
        }

        return new ColumnStatistics
        {
            NullCount = nullCount,
            NanCount = isFloat ? nanCount : null,
            Min = found ? ToPlain(min) : null,
            Max = found ? ToPlain(max) : null,
            WriteLegacyMinMax = true,
        };
    }

    public static ColumnStatistics ForBooleans(ReadOnlySpan<bool> values, ReadOnlySpan<bool> validity, int nullCount)
    {
        bool hasFalse = false, hasTrue = false;
        if (nullCount == 0)
        {
            hasFalse = values.Contains(false);
            hasTrue = values.Contains(true);
        }
        else
        {
            for (var i = 0; i < values.Length && !(hasFalse && hasTrue); i++)
            {
                if (validity[i])
                {
                    hasFalse |= !values[i];
                    hasTrue |= values[i];
                }
            }
        }

        var found = hasFalse || hasTrue;
        return new ColumnStatistics
        {
            NullCount = nullCount,
            Min = found ? [hasFalse ? (byte)0 : (byte)1] : null,
            Max = found ? [hasTrue ? (byte)1 : (byte)0] : null,
            WriteLegacyMinMax = true,
        };
    }

    /// <summary>String bounds are exact UTF-8 bytes; bounds longer than the limit are left out.</summary>
    public static ColumnStatistics ForStrings(ReadOnlySpan<byte> min, ReadOnlySpan<byte> max, bool found, int nullCount, int maxBytes)
    {
        var keep = found && min.Length <= maxBytes && max.Length <= maxBytes;
        return new ColumnStatistics
        {
            NullCount = nullCount,
            Min = keep ? min.ToArray() : null,
            Max = keep ? max.ToArray() : null,
            WriteLegacyMinMax = false,
        };
    }

    private static byte[] ToPlain<T>(T value)
        where T : unmanaged => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)).ToArray();

    /// <summary>
    /// Min and max in one vectorised pass over values without nulls; false (results unusable)
    /// as soon as a NaN shows up, for the slower path to handle.
    /// </summary>
    private static bool TryMinMaxWithoutNaN<T>(ReadOnlySpan<T> values, out T min, out T max)
        where T : unmanaged, INumber<T>
    {
        min = max = values.IsEmpty ? T.Zero : values[0];
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && values.Length >= Vector<T>.Count)
        {
            var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
            var vectorMin = vectors[0];
            var vectorMax = vectors[0];
            var nan = Vector<T>.Zero;
            foreach (var vector in vectors)
            {
                // The native instructions are exact without NaN (and ±0 is normalised later).
                vectorMin = Vector.MinNative(vectorMin, vector);
                vectorMax = Vector.MaxNative(vectorMax, vector);
                nan |= ~Vector.Equals(vector, vector);
            }

            if (Vector.AsVectorByte(nan) != Vector<byte>.Zero)
            {
                return false;
            }

            for (var lane = 0; lane < Vector<T>.Count; lane++)
            {
                min = T.Min(min, vectorMin[lane]);
                max = T.Max(max, vectorMax[lane]);
            }

            i = vectors.Length * Vector<T>.Count;
        }

        for (; i < values.Length; i++)
        {
            var value = values[i];
            if (T.IsNaN(value))
            {
                return false;
            }

            min = value < min ? value : min;
            max = value > max ? value : max;
        }

        return true;
    }

    /// <summary>Min and max skipping nulls (validity false) and NaN, counting the NaN.</summary>
    private static bool MinMaxSparse<T>(ReadOnlySpan<T> values, ReadOnlySpan<bool> validity, out T min, out T max, out long nanCount)
        where T : unmanaged, INumber<T>
    {
        min = max = T.Zero;
        nanCount = 0;
        var found = false;
        for (var i = 0; i < values.Length; i++)
        {
            if (!validity.IsEmpty && !validity[i])
            {
                continue;
            }

            var value = values[i];
            if (T.IsNaN(value))
            {
                nanCount++;
            }
            else if (!found)
            {
                min = max = value;
                found = true;
            }
            else
            {
                min = value < min ? value : min;
                max = value > max ? value : max;
            }
        }

        return found;
    }
}
