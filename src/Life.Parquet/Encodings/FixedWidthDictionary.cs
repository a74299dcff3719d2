using System.Runtime.CompilerServices;

namespace Life.Parquet.Encodings;

/// <summary>
/// Builds the dictionary of a 4- or 8-byte column chunk: distinct bit patterns (so -0.0 and NaN
/// payloads survive exactly) numbered in first-seen order, which keeps output deterministic.
/// Open addressing over a power-of-two table that grows with the dictionary and is reused
/// across chunks.
/// </summary>
internal sealed class FixedWidthDictionary
{
    /// <summary>Values looked at before judging the cardinality.</summary>
    private const int ProbeValues = 1024;

    private int[] _slots = new int[256];
    private ulong[] _entries = new ulong[128];
    private int _count;

    public int Count => _count;

    public ReadOnlySpan<ulong> Entries => _entries.AsSpan(0, _count);

    /// <summary>
    /// Writes the dictionary id of every non-null value to <paramref name="ids"/> (dense, nulls
    /// skipped). Gives up, returning false, when the dictionary would pass
    /// <paramref name="maxEntries"/>, or when over half of the first values are distinct (a
    /// dictionary would not pay for itself).
    /// </summary>
    public bool TryEncode<T>(ReadOnlySpan<T> values, ReadOnlySpan<bool> validity, Span<int> ids, int maxEntries)
        where T : unmanaged
    {
        Reset();
        var mask = _slots.Length - 1;
        var written = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!validity.IsEmpty && !validity[i])
            {
                continue;
            }

            var key = Bits(values[i]);
            var slot = (int)Mix(key) & mask;
            int id;
            while (true)
            {
                var stored = _slots[slot];
                if (stored == 0)
                {
                    if (_count >= maxEntries)
                    {
                        return false;
                    }

                    id = Add(key);
                    _slots[slot] = id + 1;
                    if (_count * 2 > _slots.Length)
                    {
                        Grow();
                        mask = _slots.Length - 1;
                    }

                    break;
                }

                if (_entries[stored - 1] == key)
                {
                    id = stored - 1;
                    break;
                }

                slot = (slot + 1) & mask;
            }

            ids[written++] = id;
            if (written == ProbeValues && _count * 2 > ProbeValues)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits<T>(T value)
        where T : unmanaged =>
        Unsafe.SizeOf<T>() == 8 ? Unsafe.As<T, ulong>(ref value) : Unsafe.As<T, uint>(ref value);

    /// <summary>murmur3's 64-bit finaliser: every key bit reaches the low bits used as the slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong key)
    {
        key ^= key >> 33;
        key *= 0xFF51AFD7ED558CCDUL;
        key ^= key >> 33;
        key *= 0xC4CEB9FE1A85EC53UL;
        key ^= key >> 33;
        return key;
    }

    private void Reset()
    {
        if (_count > 0)
        {
            Array.Clear(_slots);
            _count = 0;
        }
    }

    private int Add(ulong key)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[_count] = key;
        return _count++;
    }

    private void Grow()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var id = 0; id < _count; id++)
        {
            var slot = (int)Mix(_entries[id]) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = id + 1;
        }

        _slots = slots;
    }
}
