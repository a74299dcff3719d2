using Life.Engine.Operators;
using Life.Engine.Parallel;
using Life.Engine.Specs;
using Life.Engine.Timing;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.Sweep.Tests.Workers;

public sealed class ParallelSweepTests
{
    private const string Spec = """
        name: parallel
        hardware: [h100-sxm]
        models: [llama-3-70b]
        parallelism:
          tp: [1, 3, 4, 8]
          pp: [1, 2]
        workload:
          batch: [16]
          input_tokens: [1024]
          output_tokens: [128]
        constraints: { fits: true }
        objectives: [min:tpot_ms]
        """;

    [Fact]
    public void Tp_and_pp_are_dimensions_and_an_impossible_split_is_a_flagged_row()
    {
        var spec = SpecText.Parse(Spec);
        var space = new SweepSpace(spec);
        Assert.Equal(8, space.Count);
        var batch = new ResultBatch(spec, (int)space.Count);
        new ShardEvaluator(space).Evaluate(0, (int)space.Count, batch);

        var tpColumn = space.IndexOf(DimensionKeys.Tp);
        var ppColumn = space.IndexOf(DimensionKeys.Pp);
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-70b"), new Optimizations(), Shipped.Defaults);
        var hardware = Shipped.Catalog.ResolveHardware("h100-sxm");
        for (var row = 0; row < batch.Count; row++)
        {
            var tp = batch.Integers[tpColumn][row];
            var pp = batch.Integers[ppColumn][row];
            var tpot = batch.Metrics[(int)MetricColumn.TpotMs][row];
            if (tp == 3)
            {
                // 64 heads do not split over 3 devices.
                Assert.False(batch.Fits[row]);
                Assert.False(batch.MeetsConstraints[row]);
                Assert.True(double.IsNaN(tpot));
                continue;
            }

            var plan = new ParallelPlan(tp, pp, 1);
            var deployment = plan.Devices == 1 ? Deployment.Single : Deployment.For(plan);
            var expected = Evaluator.Evaluate(table, hardware, new Workload(16, 1024, 128), RooflineMode.PerOperator, deployment);
            Assert.Equal(expected.TpotMs, tpot, 9);
            Assert.Equal(expected.Fits, batch.Fits[row]);
        }
    }

    [Fact]
    public void A_zero_tp_is_rejected_before_any_work()
    {
        var e = Assert.Throws<SpecException>(() => SpecText.Parse(Spec.Replace("tp: [1, 3, 4, 8]", "tp: [0]", StringComparison.Ordinal)));
        Assert.Contains("parallelism.tp", e.Message, StringComparison.Ordinal);
    }
}
