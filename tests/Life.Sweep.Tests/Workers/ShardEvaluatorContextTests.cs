using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Workers;

namespace Life.Sweep.Tests.Workers;

/// <summary>Rows whose sequence runs past the model's max_position_embeddings are kept but flagged.</summary>
public sealed class ShardEvaluatorContextTests
{
    [Fact]
    public void A_row_past_the_models_positions_does_not_meet_the_constraints()
    {
        // llama-3-8b: max_position_embeddings = 8,192. 8,000 + 192 = 8,192 is the last position that exists;
        // 8,000 + 193 and 200,000 + anything are past it.
        var spec = SpecText.Parse("hardware: [h100-sxm]\nmodels: [llama-3-8b]\nworkload: {input_tokens: [8000, 200000], output_tokens: [192, 193]}");
        var space = new SweepSpace(spec);
        var batch = new ResultBatch(spec, (int)space.Count);

        new ShardEvaluator(space).Evaluate(0, (int)space.Count, batch);

        var input = spec.Dimensions.ToList().FindIndex(d => d.Key == "input_tokens");
        var output = spec.Dimensions.ToList().FindIndex(d => d.Key == "output_tokens");
        Assert.Equal(4, batch.Count);
        for (var row = 0; row < batch.Count; row++)
        {
            var context = batch.Integers[input][row] + batch.Integers[output][row];
            Assert.Equal(context <= 8192, batch.MeetsConstraints[row]);
        }
    }
}
