using Life.Engine.Specs;
using Life.Engine.Timing;
using Life.Engine.Validation;

namespace Life.Engine.Calibration;

/// <summary>
/// How well two measurements pin a device down: for each (device and device count, framework, model
/// file — the model at its weight format), calibrate on two rows — a prefill and a decode row where
/// there are both (those closest to llama-bench's standard pp512 and tg128 at batch 1, the two numbers
/// every llama.cpp benchmark reports), else the smallest and the largest batch × length run — and
/// predict all its other configurations with the result.
/// </summary>
public static class TwoPointCheck
{
    public static ValidationResult Run(IReadOnlyList<PreparedMeasurement> prepared, EfficiencyDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var rows = new List<ValidatedRow>();
        foreach (var group in prepared.GroupBy(p => (p.RawHardware.Id, p.Measurement.Devices, p.Framework, p.Model.Id, p.Measurement.WeightBits)))
        {
            var members = group.ToList();
            var (first, second) = PickTwo(members);
            if (first is null || second is null)
            {
                continue;
            }

            // A configuration measured several times (runs of different builds the file does not tell
            // apart) calibrates on the median of its runs, not on whichever run comes first; its repeats
            // are not predictions of another configuration, so they are not scored.
            var firstRuns = SameConfiguration(members, first);
            var secondRuns = SameConfiguration(members, second);
            var profile = DeviceCalibrator.Calibrate([Median(first, firstRuns), Median(second, secondRuns)], defaults);
            var others = members.Where(m => !firstRuns.Contains(m) && !secondRuns.Contains(m))
                .Select(m => MeasurementResolver.Reapply(m, defaults, profile)).ToList();
            if (others.Count == 0)
            {
                continue;
            }

            rows.AddRange(Validator.Run(others, [], defaults, RooflineMode.PerOperator).Rows);
        }

        return new ValidationResult(rows, []);
    }

    private static HashSet<PreparedMeasurement> SameConfiguration(List<PreparedMeasurement> members, PreparedMeasurement pick) =>
        members.Where(m => m.Measurement.Metric == pick.Measurement.Metric && m.Workload.Batch == pick.Workload.Batch && m.Workload.InputTokens == pick.Workload.InputTokens && m.Workload.OutputTokens == pick.Workload.OutputTokens).ToHashSet<PreparedMeasurement>(ReferenceEqualityComparer.Instance);

    private static PreparedMeasurement Median(PreparedMeasurement pick, HashSet<PreparedMeasurement> runs)
    {
        var values = runs.Select(r => r.Measurement.Value).Order().ToList();
        var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
        return pick with { Measurement = pick.Measurement with { Value = median } };
    }

    private static (PreparedMeasurement? First, PreparedMeasurement? Second) PickTwo(List<PreparedMeasurement> members)
    {
        var prefill = members.Where(m => m.Measurement.Metric is MeasuredMetric.PrefillTps or MeasuredMetric.TtftMs)
            .OrderBy(m => m.Workload.Batch).ThenBy(m => Math.Abs(Math.Log(m.Workload.InputTokens / 512.0))).ThenBy(m => m.Measurement.Line).FirstOrDefault();
        var decode = members.Where(m => m.Measurement.Metric is MeasuredMetric.DecodeTps or MeasuredMetric.TpotMs or MeasuredMetric.ItlMs)
            .OrderBy(m => m.Workload.Batch).ThenBy(m => Math.Abs(Math.Log((m.Workload.InputTokens + m.Workload.OutputTokens) / 128.0))).ThenBy(m => m.Measurement.Line).FirstOrDefault();
        if (prefill is not null && decode is not null)
        {
            return (prefill, decode);
        }

        static double Size(PreparedMeasurement m) => (double)m.Workload.Batch * (m.Workload.InputTokens + m.Workload.OutputTokens) * m.Deployment.Devices;
        var ordered = members.OrderBy(Size).ThenBy(m => m.Measurement.Line).ToList();
        return ordered.Count >= 2 ? (ordered[0], ordered[^1]) : (null, null);
    }
}
