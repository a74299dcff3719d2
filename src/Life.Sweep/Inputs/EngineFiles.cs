using Life.Engine;
using Life.Engine.Calibration;
using Life.Engine.Lens;
using Life.Engine.Validation;

namespace Life.Sweep.Inputs;

/// <summary>
/// Reads (and for LENS profiles writes) the files whose formats the engine parses: the engine does no
/// file I/O, so hosts come here. A file that cannot be read is bad input naming the file, in one line.
/// </summary>
public static class EngineFiles
{
    /// <summary>A measurements CSV (interfaces.md).</summary>
    public static IReadOnlyList<Measurement> ReadMeasurements(string path) =>
        MeasurementCsv.Parse(ReadText(path, e => $"{path}: cannot read ({e.Message})"), path);

    /// <summary>A LENS calibration or test run (bucket CSV or measurements CSV).</summary>
    public static BucketData ReadBucketRuns(string path) =>
        BucketCsv.Parse(ReadText(path, e => $"{path}: cannot read ({e.Message})"), path);

    /// <summary>A LENS profile (lens-profile/1).</summary>
    public static BucketProfile ReadProfile(string path) =>
        BucketProfileJson.Parse(ReadText(path, e => $"profile '{path}': cannot read ({e.Message})"), path);

    public static void WriteProfile(BucketProfile profile, string path)
    {
        using var stream = File.Create(path);
        BucketProfileJson.Write(profile, stream);
    }

    /// <summary>The output of <c>life-sweep calibrate</c> (per-device efficiencies).</summary>
    public static CalibrationProfile ReadCalibrationProfile(string path) =>
        CalibrationProfile.Parse(ReadText(path, e => $"efficiency profile '{path}' cannot be read ({e.Message})"), path);

    /// <summary>The file's text, or bad input with <paramref name="describe"/>'s message.</summary>
    public static string ReadText(string path, Func<Exception, string> describe)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(describe);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EngineInputException(describe(e), e);
        }
    }
}
