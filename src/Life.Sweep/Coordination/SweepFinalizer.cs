using System.Text.Json;
using Life.Sweep.Pareto;
using Life.Sweep.Results;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.Sweep.Coordination;

/// <summary>
/// Completes a dataset whose shards are all recorded: merges the partial Pareto fronts, writes
/// <c>pareto.parquet</c> (front rows re-evaluated from their config ids, which rows are a pure
/// function of), then <c>sweep.json</c> and finally <c>_SUCCESS</c>, each atomically.
/// </summary>
public sealed class SweepFinalizer
{
    private readonly SweepContext _sweep;
    private readonly string _checkpoints;

    /// <param name="checkpoints">Where the checkpoints are, as sweep.json names them.</param>
    public SweepFinalizer(SweepContext sweep, string checkpoints = "checkpoint.db")
    {
        _sweep = sweep;
        _checkpoints = checkpoints;
    }

    public async Task<SweepSummary> FinalizeAsync(TimeSpan elapsed, long shardsRunNow, long rowsAtStart, CancellationToken cancellation)
    {
        var records = await _sweep.Store.CompletedShardsAsync(_sweep.SweepId, cancellation);
        var objectives = _sweep.Spec.Objectives.Count;
        var parts = new List<PartialFront>(records.Count);
        long meeting = 0, rows = 0;
        foreach (var record in records)
        {
            parts.Add(PartialFront.FromBytes(record.Front));
            meeting += record.RowsMeetingConstraints;
            rows += record.Rows;
        }

        var front = objectives == 0 ? PartialFront.Empty(0) : PartialFront.Merge(parts, objectives);
        var frontRows = new ResultBatch(_sweep.Spec, Math.Max(front.Count, 1));
        new ShardEvaluator(_sweep.Space).EvaluateIds(front.Ids, frontRows);
        _sweep.Writer.Write(frontRows, Path.Combine(_sweep.OutputDirectory, "pareto.parquet"));

        var rate = elapsed.TotalSeconds > 0 ? (rows - rowsAtStart) / elapsed.TotalSeconds : 0;
        WriteAtomically(Path.Combine(_sweep.OutputDirectory, "sweep.json"), SweepJson(records.Count, rows, meeting, front.Count, elapsed, shardsRunNow, rate));
        WriteAtomically(Path.Combine(_sweep.OutputDirectory, "_SUCCESS"), []);
        return new SweepSummary(_sweep.Spec, _sweep.SweepId, _sweep.OutputDirectory, rows, records.Count, shardsRunNow, meeting, frontRows, elapsed, rate);
    }

    private byte[] SweepJson(long shards, long rows, long meeting, int frontRows, TimeSpan elapsed, long shardsRunNow, double rate)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("sweep_id", _sweep.SweepId);
            json.WriteString("name", _sweep.Spec.Name);
            json.WriteString("spec_sha256", _sweep.Spec.Hash);
            json.WritePropertyName("spec");
            SweepSpecJson.Write(json, _sweep.Spec);
            json.WriteStartObject("counts");
            json.WriteNumber("configurations", _sweep.Space.Count);
            json.WriteNumber("rows", rows);
            json.WriteNumber("shards", shards);
            json.WriteNumber("shard_size", _sweep.Space.ShardSize);
            json.WriteNumber("rows_meeting_constraints", meeting);
            json.WriteNumber("pareto_rows", frontRows);
            json.WriteEndObject();
            json.WriteStartArray("columns");
            foreach (var column in _sweep.Writer.Schema.ColumnNames)
            {
                json.WriteStringValue(column);
            }

            json.WriteEndArray();
            json.WriteStartObject("files");
            json.WriteString("results", "results/part-*.parquet");
            json.WriteString("pareto", "pareto.parquet");
            json.WriteString("checkpoints", _checkpoints);
            json.WriteEndObject();
            json.WriteStartObject("last_run");
            json.WriteString("finished_utc", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("elapsed_s", elapsed.TotalSeconds);
            json.WriteNumber("shards_evaluated", shardsRunNow);
            json.WriteNumber("configurations_per_s", rate);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteAtomically(string path, byte[] content)
    {
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(content);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
