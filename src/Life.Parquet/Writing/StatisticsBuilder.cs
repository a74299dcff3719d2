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
        if (nullCount == 0 && !(isFloat && ContainsNaN(values)))
        {
            found = MinMaxDense(values, out min, out max);
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

    private static bool ContainsNaN<T>(ReadOnlySpan<T> values)
        where T : unmanaged, INumber<T>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
            foreach (var vector in vectors)
            {
                if (!Vector.EqualsAll(vector, vector))
                {
                    return true;
                }
            }

            i = vectors.Length * Vector<T>.Count;
        }

        for (; i < values.Length; i++)
        {
            if (T.IsNaN(values[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Min and max of values that hold no nulls and no NaN.</summary>
    private static bool MinMaxDense<T>(ReadOnlySpan<T> values, out T min, out T max)
        where T : unmanaged, INumber<T>
    {
        if (values.IsEmpty)
        {
            min = max = T.Zero;
            return false;
        }

        min = max = values[0];
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && values.Length >= Vector<T>.Count)
        {
            var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
            var vectorMin = vectors[0];
            var vectorMax = vectors[0];
            for (var v = 1; v < vectors.Length; v++)
            {
                vectorMin = Vector.Min(vectorMin, vectors[v]);
                vectorMax = Vector.Max(vectorMax, vectors[v]);
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
