using Life.Engine.Specs;

namespace Life.Engine.Operators;

/// <summary>Operators outside the layers: token embedding, final norm, LM head.</summary>
internal sealed partial class OperatorTableBuilder
{
    /// <summary>
    /// Serving counting: a gather of one table row per token. LIFE counting: the paper's embedding
    /// operator charges the whole vocab×hidden table, and LIFE also counts the table among the weights
    /// every step reads, so it is charged twice: Table 7's 12.85 GiB at prompt 32 is the 12.55 GiB of
    /// parameters plus the 0.24 GiB table again plus KV traffic.
    /// </summary>
    private void AddEmbedding()
    {
        double d = _model.HiddenSize;
        var table = _model.VocabSize * d * TableBytes;
        var read = _life ? new CountPolynomial(2 * table, 0, 0, 0, 0) : CountPolynomial.Tokens(d * TableBytes);
        Add(
            new OperatorSpec
            {
                Name = "embedding",
                Kind = OperatorKind.Embedding,
                Ops = CountPolynomial.Tokens(1),
                BytesRead = read,
                BytesWritten = CountPolynomial.Tokens(d * ActivationBytes),
                Dispatches = 1,
                WeightBytesRead = _life ? 2 * table : 0,
            },
            1);
        _totals.WeightBytes += table;
        _totals.Parameters += _model.VocabSize * d;
    }

    private void AddFinalNorm()
    {
        if (_full)
        {
            AddFusedAddNorm("final_add_norm", 1, _model.HiddenSize, 1);
        }
        else
        {
            AddNorm("final_norm", 1, _model.HiddenSize);
        }
    }

    /// <summary>
    /// Logits. Eager Hugging Face (LIFE's counts) computes them for every prompt position; serving
    /// engines only for each sequence's last position. A tied head reads the 16-bit embedding table;
    /// an untied one is quantized with the other Linears.
    /// </summary>
    private void AddLmHead()
    {
        AddLinear("lm_head", 1, _model.HiddenSize, _model.VocabSize, perSequence: !_life, tiedTable: _model.TieWordEmbeddings);
    }
}
