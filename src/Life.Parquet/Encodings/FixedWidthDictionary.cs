using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    private enum Outcome
    {
        Done,
        Full,
        Abandoned,
    }

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
        if (_count > 0)
        {
            Array.Clear(_slots);
            _count = 0;
        }

        var position = 0;
        var written = 0;
        while (true)
        {
            var outcome = Unsafe.SizeOf<T>() == 8
                ? Encode(MemoryMarshal.Cast<T, ulong>(values), validity, ids, maxEntries, ref position, ref written)
                : Encode(MemoryMarshal.Cast<T, uint>(values), validity, ids, maxEntries, ref position, ref written);
            switch (outcome)
            {
                case Outcome.Done:
                    return true;
                case Outcome.Abandoned:
                    return false;
                default:
                    Grow();
                    break;
            }
        }
    }

    /// <summary>
    /// Fibonacci hashing (top bits of key × 2^64/φ) after folding the high half down: doubles
    /// that differ only in exponent or top mantissa bits would otherwise all land on slots whose
    /// low bits are zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(ulong key, int shift) => (int)(((key ^ (key >> 29)) * 0x9E3779B97F4A7C15UL) >> shift);

    /// <summary>
    /// The hot loop, free of calls so that its state stays in registers. Stops with
    /// <see cref="Outcome.Full"/> before adding an entry the table has no room for; the caller
    /// grows the table and calls again from the same position.
    /// </summary>
    private Outcome Encode<TKey>(ReadOnlySpan<TKey> keys, ReadOnlySpan<bool> validity, Span<int> ids, int maxEntries, ref int position, ref int written)
        where TKey : unmanaged, IBinaryInteger<TKey>
    {
        var slots = _slots;
        var entries = _entries;
        var mask = slots.Length - 1;
        var shift = 64 - BitOperations.Log2((uint)slots.Length);
        var capacity = Math.Min(entries.Length, slots.Length / 2);
        var count = _count;
        var output = written;
        var previousKey = 0UL;
        var previousId = -1;
        var probed = written >= ProbeValues;
        var outcome = Outcome.Done;
        int i;
        for (i = position; i < keys.Length; i++)
        {
            if (!validity.IsEmpty && !validity[i])
            {
                continue;
            }

            var key = ulong.CreateTruncating(keys[i]);
            int id;
            if (key == previousKey && previousId >= 0)
            {
                // Sweep columns come in runs (odometer order): a repeat skips the hash, and
                // without nulls the rest of a long run is found and filled vectorised.
                id = previousId;
                if (validity.IsEmpty && i + 8 < keys.Length && keys[i + 8] == keys[i])
                {
                    var rest = keys[(i + 1)..].IndexOfAnyExcept(keys[i]);
                    var extra = rest < 0 ? keys.Length - i - 1 : rest;
                    ids.Slice(output, extra).Fill(id);
                    output += extra;
                    i += extra;
                }
            }
            else
            {
                var slot = Slot(key, shift);
                while (true)
                {
                    var stored = slots[slot];
                    if (stored == 0)
                    {
                        if (count == capacity || count == maxEntries)
                        {
                            outcome = count == maxEntries ? Outcome.Abandoned : Outcome.Full;
                            id = -1;
                            break;
                        }

                        entries[count] = key;
                        slots[slot] = ++count;
                        id = count - 1;
                        break;
                    }

                    if (entries[stored - 1] == key)
                    {
                        id = stored - 1;
                        break;
                    }

                    slot = (slot + 1) & mask;
                }

                if (id < 0)
                {
                    break;
                }

                previousKey = key;
                previousId = id;
            }

            ids[output++] = id;
            if (!probed && output >= ProbeValues)
            {
                probed = true;
                if (count * 2 > ProbeValues)
                {
                    outcome = Outcome.Abandoned;
                    break;
                }
            }
        }

        _count = count;
        position = i;
        written = output;
        return outcome;
    }

    private void Grow()
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        if (_count * 2 < _slots.Length)
        {
            return;
        }

        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        var shift = 64 - BitOperations.Log2((uint)slots.Length);
        for (var id = 0; id < _count; id++)
        {
            var slot = Slot(_entries[id], shift);
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = id + 1;
        }

        _slots = slots;
    }
}
