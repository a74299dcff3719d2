using Life.Parquet.IO;

namespace Life.Parquet.Encodings;

/// <summary>
/// The dictionary of a string column chunk: the distinct values actually used, as UTF-8, numbered
/// in first-seen order (deterministic output, exact statistics). Built either by hashing strings,
/// or, for callers that already hold (dictionary, indices), by remapping the caller's ids once
/// per entry, without touching strings per row.
/// </summary>
internal sealed class Utf8Dictionary : IDisposable
{
    /// <summary>Values looked at before judging the cardinality.</summary>
    private const int ProbeValues = 1024;

    private readonly ByteBuffer _bytes = new();
    private readonly Dictionary<string, int> _lookup = new(StringComparer.Ordinal);
    private int[] _offsets = new int[129];
    private int[] _remap = [];
    private int[] _firstUse = [];
    private int _count;

    public int Count => _count;

    /// <summary>Size of the PLAIN dictionary page body: a 4-byte length before every entry.</summary>
    public long PlainSize => _bytes.Length + (4L * _count);

    public ReadOnlySpan<byte> this[int id] => _bytes.WrittenSpan[_offsets[id].._offsets[id + 1]];

    /// <summary>
    /// Ids of the non-null strings (dense, nulls skipped); false when the dictionary would exceed
    /// the limits or over half of the first values are distinct.
    /// </summary>
    public bool TryEncode(ReadOnlySpan<string?> values, Span<int> ids, int maxEntries, int maxBytes)
    {
        Reset();
        _lookup.Clear();
        var written = 0;
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (!_lookup.TryGetValue(value, out var id))
            {
                if (_count >= maxEntries)
                {
                    return false;
                }

                id = Add(value);
                _lookup.Add(value, id);
                if (PlainSize > maxBytes)
                {
                    return false;
                }
            }

            ids[written++] = id;
            if (written == ProbeValues && _count * 2 > ProbeValues)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Ids for caller-held dictionary indices (negative = null, skipped; all others already
    /// checked to be in range). False when the used entries exceed the limits.
    /// </summary>
    public bool TryEncode(ReadOnlySpan<string> dictionary, ReadOnlySpan<int> indices, Span<int> ids, int maxEntries, int maxBytes)
    {
        Reset();
        if (_remap.Length < dictionary.Length)
        {
            _remap = new int[Math.Max(dictionary.Length, _remap.Length * 2)];
            _firstUse = new int[_remap.Length];
        }

        // Pass 1, per row and free of calls: number the caller's entries in order of first use.
        var remap = _remap.AsSpan(0, dictionary.Length);
        var firstUse = _firstUse.AsSpan(0, dictionary.Length);
        remap.Fill(-1);
        var used = 0;
        var written = 0;
        foreach (var index in indices)
        {
            if (index < 0)
            {
                continue;
            }

            var id = remap[index];
            if (id < 0)
            {
                id = remap[index] = used;
                firstUse[used++] = index;
            }

            ids[written++] = id;
        }

        // Pass 2, per used entry: the strings themselves.
        if (used > maxEntries)
        {
            return false;
        }

        foreach (var index in firstUse[..used])
        {
            Add(dictionary[index]);
            if (PlainSize > maxBytes)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Appends the dictionary page body: PLAIN byte arrays.</summary>
    public void WritePlain(ByteBuffer output)
    {
        for (var id = 0; id < _count; id++)
        {
            var entry = this[id];
            output.WriteInt32LittleEndian(entry.Length);
            output.Write(entry);
        }
    }

    /// <summary>Ids of the smallest and largest entry in unsigned byte order.</summary>
    public (int Min, int Max) MinMaxIds()
    {
        int min = 0, max = 0;
        for (var id = 1; id < _count; id++)
        {
            var entry = this[id];
            if (entry.SequenceCompareTo(this[min]) < 0)
            {
                min = id;
            }

            if (entry.SequenceCompareTo(this[max]) > 0)
            {
                max = id;
            }
        }

        return (min, max);
    }

    public void Dispose() => _bytes.Dispose();

    private void Reset()
    {
        _bytes.Clear();
        _count = 0;
    }

    private int Add(string value)
    {
        if (value is null)
        {
            throw new ArgumentException("A dictionary entry used by a non-null index is null.");
        }

        if (_count + 1 >= _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
        }

        var length = StrictUtf8.Encoding.GetByteCount(value);
        var written = StrictUtf8.Encoding.GetBytes(value, _bytes.GetSpan(length));
        _bytes.Advance(written);
        _offsets[_count + 1] = _bytes.Length;
        return _count++;
    }
}
