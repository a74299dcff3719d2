using System.CommandLine;
using Life.Engine.Operators;
using Life.Sweep.Inputs;
using Life.SweepClient.Output;

namespace Life.SweepClient.Commands;

/// <summary><c>life-sweep predict</c>: one configuration, every metric.</summary>
internal static class PredictCommand
{
    public static Command Create(CatalogReferences references)
    {
        var options = new ConfigurationOptions(references);
        var parallel = new ParallelOptions();
        var speculative = new SpeculativeOptions();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var command = new Command("predict", "Forecast one configuration: TTFT, TPOT, throughput, memory, cost.");
        options.AddTo(command);
        parallel.AddTo(command);
        speculative.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var hardware = options.ReadHardware(parse);
            var model = options.ReadModel(parse);
            var optimizations = options.ReadOptimizations(parse);
            var workload = options.ReadWorkload(parse);
            var roofline = options.ReadRoofline(parse);
            model.ValidateContext(workload);
            var deployment = parallel.Read(parse, model);
            var speculation = speculative.Read(parse);
            if (hardware.Buckets is { } buckets)
            {
                // A sweep marks such a request as not fitting; one prediction should say why instead.
                if (Life.Engine.Lens.BucketedModelCheck.Mismatch(hardware, model, references.Catalog) is { } mismatch)
                {
                    throw new Life.Engine.EngineInputException(mismatch);
                }

                buckets.Predict(workload.Batch, workload.InputTokens, workload.OutputTokens);
            }

            var table = OperatorTable.Build(model, optimizations, references.Defaults);
            var metrics = Life.Engine.Timing.Evaluator.Evaluate(table, hardware, workload, roofline, deployment);
            if (speculation.IsOn && !hardware.IsBucketed)
            {
                var cost = new Life.Engine.Serving.StepCost(table, hardware, deployment);
                metrics = Life.Engine.Serving.SpeculativeMetrics.Apply(metrics, cost, speculation, workload.Batch, workload.InputTokens, workload.OutputTokens);
            }
            var prediction = new Prediction(hardware, model, optimizations, workload, roofline, metrics, deployment);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                PredictionJson.Write(output, prediction);
            }
            else
            {
                PredictionText.Write(output, prediction);
            }

            return CliApplication.Success;
        });
        return command;
    }
}
