using System.Numerics;
using Life.Sweep.Specs;

namespace Life.Sweep.Space;

/// <summary>
/// The Cartesian product of a spec's dimensions as a mixed-radix number: <c>config_id</c> ↔
/// coordinates is pure arithmetic, nothing is materialized, so a 10^9-configuration sweep starts
/// instantly. The last dimension (innermost) changes fastest. Shards are runs of
/// <see cref="SweepSpec.ShardSize"/> consecutive ids.
/// </summary>
public sealed class SweepSpace
{
    private readonly int[] _radices;

    public SweepSpace(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        _radices = new int[spec.Dimensions.Count];
        BigInteger count = 1;
        for (var i = 0; i < _radices.Length; i++)
        {
            _radices[i] = spec.Dimensions[i].Count;
            count *= _radices[i];
        }

        if (count > long.MaxValue)
        {
            throw new SpecException("spec", [$"the sweep has {count:N0} configurations, more than can be numbered"]);
        }

        Count = (long)count;
        ShardSize = spec.ShardSize;
        ShardCount = (Count + ShardSize - 1) / ShardSize;
        HardwareDimension = IndexOf(DimensionKeys.Hardware);
        ModelDimension = IndexOf(DimensionKeys.Model);
    }

    public SweepSpec Spec { get; }

    public long Count { get; }

    public int ShardSize { get; }

    public long ShardCount { get; }

    public ReadOnlySpan<int> Radices => _radices;

    public int DimensionCount => _radices.Length;

    public int HardwareDimension { get; }

    public int ModelDimension { get; }

    public int IndexOf(string key)
    {
        for (var i = 0; i < _radices.Length; i++)
        {
            if (Spec.Dimensions[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>First id and size of shard <paramref name="shard"/>.</summary>
    public (long First, int Count) Shard(long shard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, ShardCount);
        var first = shard * ShardSize;
        return (first, (int)Math.Min(ShardSize, Count - first));
    }

    /// <summary>Writes the coordinates of <paramref name="configId"/> (one digit per dimension, enumeration order).</summary>
    public void Decode(long configId, Span<int> digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(configId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(configId, Count);
        for (var i = _radices.Length - 1; i >= 0; i--)
        {
            var radix = _radices[i];
            digits[i] = (int)(configId % radix);
            configId /= radix;
        }
    }

    public long Encode(ReadOnlySpan<int> digits)
    {
        long id = 0;
        for (var i = 0; i < _radices.Length; i++)
        {
            if ((uint)digits[i] >= (uint)_radices[i])
            {
                throw new ArgumentOutOfRangeException(nameof(digits), $"digit {i} = {digits[i]} is outside 0..{_radices[i] - 1}");
            }

            id = (id * _radices[i]) + digits[i];
        }

        return id;
    }

    /// <summary>Advances <paramref name="digits"/> to the next id like an odometer; returns the outermost dimension that changed.</summary>
    public int Increment(Span<int> digits)
    {
        for (var i = _radices.Length - 1; i >= 0; i--)
        {
            if (++digits[i] < _radices[i])
            {
                return i;
            }

            digits[i] = 0;
        }

        return -1;
    }
}
