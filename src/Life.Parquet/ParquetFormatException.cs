namespace Life.Parquet;

/// <summary>
/// A file that is not valid Parquet, is damaged, or uses a feature this reader does not support.
/// The message names the file and what is wrong (and where: row group, column, page offset).
/// An <see cref="IOException"/> (<see cref="InvalidDataException"/> is sealed), so callers that
/// handle unreadable files handle damaged ones too; the decoding error is the inner exception.
/// </summary>
public sealed class ParquetFormatException : IOException
{
    public ParquetFormatException(string filePath, string problem, bool isUnsupported = false, Exception? innerException = null)
        : base($"{filePath}: {problem}", innerException)
    {
        FilePath = filePath;
        Problem = problem;
        IsUnsupported = isUnsupported;
    }

    /// <summary>The file, as given to the reader.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }

    /// <summary>True when the file may be valid Parquet but uses something this reader does not read.</summary>
    public bool IsUnsupported { get; }
}
