using Life.Engine.Specs;
using Life.Sweep.Specs;

namespace Life.Sweep.Space;

/// <summary>
/// Configurations of a spec that are one configuration to the engine, and which of each such set is
/// canonical: the one with the lowest config_id (every equivalent option at its first value in the
/// spec's list). Result rows carry the answer as <c>canonical</c>; fronts keep canonical rows only, so
/// they list each distinct configuration once. The sets:
/// <list type="bullet">
/// <item>chunk: a chunk of 0 or of at least the prompt is one unchunked prefill step (<see cref="Life.Engine.Timing.Evaluator"/>).</item>
/// <item>lora_rank × lora_mode: rank 0, or any rank merged offline, adds no operator and no weight (LoRA in the operator table), so all such pairs are "no adapter".</item>
/// <item>quant_group: only integral bits below 16 carry per-group scales (<see cref="Optimizations.WeightBytesPerElement"/>); with 16-bit or fractional bits (4.5 = Q4_0, its own blocks) every group size is the same.</item>
/// <item>spec_alpha × draft_cost: with spec_k 0 (or no spec_k) there is no speculation, so every acceptance rate and draft cost is the same.</item>
/// <item>disaggregation: a pool shape naming the row's own hardware for decode is the shape that names none (and any two shapes alike on that hardware).</item>
/// </list>
/// Pure arithmetic on the digits, no allocation: it runs for every row.
/// </summary>
public sealed class EquivalentConfigurations
{
    private readonly int _chunk;
    private readonly int _input;
    private readonly int _loraRank;
    private readonly int _loraMode;
    private readonly int _quantGroup;
    private readonly int _weightBits;
    private readonly double[] _chunks;
    private readonly double[] _inputs;
    private readonly double[] _ranks;
    private readonly bool[] _merged;
    private readonly double[] _weightBitValues;
    private readonly int _specK;
    private readonly int _specAlpha;
    private readonly int _draftCost;
    private readonly double[] _specKs;
    private readonly int _disaggregation;
    private readonly int _hardware;

    // Per pool shape and hardware digit: no earlier shape is the same deployment on that hardware.
    private readonly bool[][] _shapeIsCanonical;

    public EquivalentConfigurations(SweepSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        _chunk = space.IndexOf(DimensionKeys.Chunk);
        _input = space.IndexOf(DimensionKeys.InputTokens);
        _loraRank = space.IndexOf(DimensionKeys.LoraRank);
        _loraMode = space.IndexOf(DimensionKeys.LoraMode);
        _quantGroup = space.IndexOf(DimensionKeys.QuantGroup);
        _weightBits = space.IndexOf(DimensionKeys.WeightBits);
        var dimensions = space.Spec.Dimensions;

        // An absent dimension holds the engine's default (Optimizations, a one-token workload) as its one value.
        _chunks = _chunk < 0 ? [0] : dimensions[_chunk].Numbers;
        _inputs = _input < 0 ? [1] : dimensions[_input].Numbers;
        _ranks = _loraRank < 0 ? [0] : dimensions[_loraRank].Numbers;
        _merged = _loraMode < 0 ? [false] : [.. dimensions[_loraMode].Texts.Select(t => OptionNames.ParseLoraMode(t) == LoraMode.Merged)];
        _weightBitValues = _weightBits < 0 ? [16] : dimensions[_weightBits].Numbers;
        _specK = space.IndexOf(DimensionKeys.SpecK);
        _specAlpha = space.IndexOf(DimensionKeys.SpecAlpha);
        _draftCost = space.IndexOf(DimensionKeys.DraftCost);
        _specKs = _specK < 0 ? [0] : dimensions[_specK].Numbers;
        _disaggregation = space.IndexOf(DimensionKeys.Disaggregation);
        _hardware = space.IndexOf(DimensionKeys.Hardware);
        _shapeIsCanonical = space.Spec.Disaggregation is { } shapes ? ShapesCanonical(shapes, space.Spec.Hardware) : [];
    }

    private static bool[][] ShapesCanonical(IReadOnlyList<PoolShape> shapes, IReadOnlyList<HardwareSpec> hardware)
    {
        var canonical = new bool[shapes.Count][];
        for (var s = 0; s < shapes.Count; s++)
        {
            canonical[s] = new bool[Math.Max(1, hardware.Count)];
            for (var h = 0; h < hardware.Count; h++)
            {
                canonical[s][h] = true;
                for (var earlier = 0; earlier < s; earlier++)
                {
                    if (shapes[earlier].PrefillReplicas == shapes[s].PrefillReplicas && shapes[earlier].DecodeReplicas == shapes[s].DecodeReplicas
                        && shapes[earlier].DecodeOn(hardware[h]).Id == shapes[s].DecodeOn(hardware[h]).Id)
                    {
                        canonical[s][h] = false;
                    }
                }
            }
        }

        return canonical;
    }

    /// <summary>True when no configuration with a lower config_id is the same to the engine.</summary>
    public bool IsCanonical(ReadOnlySpan<int> digits) =>
        ChunkIsCanonical(digits) && LoraIsCanonical(digits) && QuantGroupIsCanonical(digits) && SpeculationIsCanonical(digits)
        && (_disaggregation < 0 || _shapeIsCanonical[digits[_disaggregation]][Digit(digits, _hardware)]);

    private static int Digit(ReadOnlySpan<int> digits, int dimension) => dimension < 0 ? 0 : digits[dimension];

    private bool ChunkIsCanonical(ReadOnlySpan<int> digits)
    {
        var input = _inputs[Digit(digits, _input)];
        var chunk = Digit(digits, _chunk);
        if (!Unchunked(_chunks[chunk], input))
        {
            return true;
        }

        for (var earlier = 0; earlier < chunk; earlier++)
        {
            if (Unchunked(_chunks[earlier], input))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Unchunked(double chunk, double input) => chunk == 0 || chunk >= input;

    private bool LoraIsCanonical(ReadOnlySpan<int> digits)
    {
        var rank = Digit(digits, _loraRank);
        var mode = Digit(digits, _loraMode);
        if (!NoAdapter(rank, mode))
        {
            return true;
        }

        // Lower config ids: an earlier rank with any mode, or this rank with an earlier mode (rank is
        // the outer of the two dimensions in enumeration order).
        for (var r = 0; r <= rank; r++)
        {
            var modes = r < rank ? _merged.Length : mode;
            for (var m = 0; m < modes; m++)
            {
                if (NoAdapter(r, m))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private bool NoAdapter(int rank, int mode) => _ranks[rank] == 0 || _merged[mode];

    private bool SpeculationIsCanonical(ReadOnlySpan<int> digits) =>
        _specKs[Digit(digits, _specK)] != 0 || (Digit(digits, _specAlpha) == 0 && Digit(digits, _draftCost) == 0);

    private bool QuantGroupIsCanonical(ReadOnlySpan<int> digits)
    {
        var bits = _weightBitValues[Digit(digits, _weightBits)];
        var grouped = bits < 16 && bits == Math.Floor(bits);
        return grouped || Digit(digits, _quantGroup) == 0;
    }
}
