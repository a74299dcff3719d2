using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Life.Parquet.Compression;

/// <summary>
/// Snappy raw block format (google/snappy format_description.txt), the encoder of the reference
/// implementation: the input is cut into 64 KiB fragments compressed independently with a hash
/// table of 4-byte sequences; misses make the scan skip faster (the "skip" heuristic), matches
/// are extended byte-wise and emitted as copies of at most 64 bytes.
/// </summary>
internal sealed class SnappyCompressor
{
    private const int BlockSize = 1 << 16;
    private const int MaxHashTableBits = 14;
    private const int InputMarginBytes = 15;

    private readonly ushort[] _table = new ushort[1 << MaxHashTableBits];

    /// <summary>The output size that <see cref="Compress"/> never exceeds.</summary>
    public static int MaxCompressedLength(int inputLength) => 32 + inputLength + (inputLength / 6);

    /// <summary>Compresses <paramref name="input"/> into <paramref name="output"/>; returns the bytes written.</summary>
    public int Compress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < MaxCompressedLength(input.Length))
        {
            throw new ArgumentException("Output buffer is too small.", nameof(output));
        }

        var op = WriteVarUInt32(output, (uint)input.Length);
        for (var start = 0; start < input.Length; start += BlockSize)
        {
            var fragment = input.Slice(start, Math.Min(BlockSize, input.Length - start));
            op += CompressFragment(fragment, output[op..]);
        }

        return op;
    }

    private static int WriteVarUInt32(Span<byte> output, uint value)
    {
        var position = 0;
        while (value >= 0x80)
        {
            output[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        output[position++] = (byte)value;
        return position;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ref byte start, int position) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, position));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint bytes, int shift) => (int)((bytes * 0x1E35A7BDu) >> shift);

    private int CompressFragment(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var length = input.Length;
        var op = 0;
        var nextEmit = 0;
        if (length >= InputMarginBytes)
        {
            var tableBits = 8;
            while (tableBits < MaxHashTableBits && (1 << tableBits) < length)
            {
                tableBits++;
            }

            var table = _table.AsSpan(0, 1 << tableBits);
            table.Clear();
            var shift = 32 - tableBits;
            ref var start = ref MemoryMarshal.GetReference(input);
            var ipLimit = length - InputMarginBytes;
            var ip = 1;
            var nextHash = Hash(Load32(ref start, ip), shift);
            while (true)
            {
                // Look for a 4-byte match, probing further apart the longer nothing matches.
                var skip = 32;
                var nextIp = ip;
                int candidate;
                do
                {
                    ip = nextIp;
                    var hash = nextHash;
                    nextIp = ip + (skip++ >> 5);
                    if (nextIp > ipLimit)
                    {
                        return op + EmitLiteral(input[nextEmit..], output[op..]);
                    }

                    nextHash = Hash(Load32(ref start, nextIp), shift);
                    candidate = table[hash];
                    table[hash] = (ushort)ip;
                }
                while (Load32(ref start, ip) != Load32(ref start, candidate));

                op += EmitLiteral(input[nextEmit..ip], output[op..]);

                // Emit copies for as long as the position right after a copy matches again.
                do
                {
                    var matchStart = ip;
                    var matched = 4 + input[(candidate + 4)..].CommonPrefixLength(input[(ip + 4)..]);
                    ip += matched;
                    op += EmitCopy(output[op..], matchStart - candidate, matched);
                    nextEmit = ip;
                    if (ip >= ipLimit)
                    {
                        return nextEmit < length ? op + EmitLiteral(input[nextEmit..], output[op..]) : op;
                    }

                    table[Hash(Load32(ref start, ip - 1), shift)] = (ushort)(ip - 1);
                    var currentHash = Hash(Load32(ref start, ip), shift);
                    candidate = table[currentHash];
                    table[currentHash] = (ushort)ip;
                }
                while (Load32(ref start, ip) == Load32(ref start, candidate));

                ip++;
                nextHash = Hash(Load32(ref start, ip), shift);
            }
        }

        return nextEmit < length ? op + EmitLiteral(input[nextEmit..], output[op..]) : op;
    }

    private static int EmitLiteral(ReadOnlySpan<byte> literal, Span<byte> output)
    {
        if (literal.IsEmpty)
        {
            return 0;
        }

        var n = (uint)(literal.Length - 1);
        int op;
        if (n < 60)
        {
            output[0] = (byte)(n << 2);
            op = 1;
        }
        else
        {
            // Tags 60..63: the length minus one follows in 1..4 little-endian bytes.
            var count = 0;
            op = 1;
            while (n > 0)
            {
                output[op++] = (byte)n;
                n >>= 8;
                count++;
            }

            output[0] = (byte)((59 + count) << 2);
        }

        literal.CopyTo(output[op..]);
        return op + literal.Length;
    }

    private static int EmitCopy(Span<byte> output, int offset, int length)
    {
        var op = 0;

        // Copies are at most 64 bytes; keep at least 4 for the last one (1-byte-offset copies need 4..11).
        while (length >= 68)
        {
            op += EmitCopyAtMost64(output[op..], offset, 64);
            length -= 64;
        }

        if (length > 64)
        {
            op += EmitCopyAtMost64(output[op..], offset, 60);
            length -= 60;
        }

        return op + EmitCopyAtMost64(output[op..], offset, length);
    }

    private static int EmitCopyAtMost64(Span<byte> output, int offset, int length)
    {
        if (length < 12 && offset < 2048)
        {
            output[0] = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            output[1] = (byte)offset;
            return 2;
        }

        output[0] = (byte)(2 | ((length - 1) << 2));
        output[1] = (byte)offset;
        output[2] = (byte)(offset >> 8);
        return 3;
    }
}
