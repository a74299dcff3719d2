namespace Life.SweepClient.Output;

/// <summary>
/// Caveats of one prediction that the numbers alone do not show (what the model leaves out), printed by
/// <c>predict</c> as <c>note:</c> lines and as the JSON <c>notes</c> array.
/// </summary>
internal static class PredictionNotes
{
    public const string VisionTowerNotModelled =
        "vision tower not modelled: only the text model is timed (image encoding adds to TTFT and memory)";

    public static IReadOnlyList<string> For(Prediction p)
    {
        var notes = new List<string>();
        if (p.Model.VisionTowerNotModelled)
        {
            notes.Add(VisionTowerNotModelled);
        }

        return notes;
    }
}
