using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.Engine.Validation;

/// <summary>
/// A measurement taken at a request rate, forecast as <c>simulate</c> and <c>capacity</c> forecast a
/// replica: the steady-state serving model under Poisson arrivals, vLLM's default scheduler
/// (256 sequences, 2048 batched tokens), the KV capacity of one request's final context. Latencies
/// are medians (P50); rates are those delivered: output tokens/s for decode_tps, prompt tokens/s
/// for prefill_tps, all tokens/s for throughput_tps.
/// </summary>
public static class RateForecast
{
    public static ValidatedRow Of(PreparedMeasurement p, OperatorTable table)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(table);
        var input = p.Workload.InputTokens;
        var output = p.Workload.OutputTokens;
        var capacity = KvCapacity.Of(table, p.Hardware, p.Deployment, new Workload(1, input, output));
        var serving = SteadyStateServing.Evaluate(new StepCost(table, p.Hardware, p.Deployment), new ServingWorkload(p.Measurement.Qps, input, output), SchedulerConfig.Default, capacity.MaxConcurrency);
        var predicted = p.Measurement.Metric switch
        {
            MeasuredMetric.TtftMs => serving.TtftP50Ms,
            MeasuredMetric.TpotMs or MeasuredMetric.ItlMs => serving.TpotP50Ms,
            MeasuredMetric.E2eMs => serving.E2eP50Ms,
            MeasuredMetric.DecodeTps => serving.OutputTps,
            MeasuredMetric.PrefillTps => serving.OutputTps * input / output,
            _ => serving.OutputTps * (input + output) / output,
        };
        return new ValidatedRow(p, predicted, capacity.ModelFits, serving.Saturated);
    }
}
