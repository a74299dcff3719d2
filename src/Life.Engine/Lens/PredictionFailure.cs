namespace Life.Engine.Lens;

/// <summary>Why a bucket profile cannot predict a request (the device could not run it).</summary>
public enum PredictionFailure : byte
{
    None = 0,

    /// <summary>Batch, input or output below 1.</summary>
    InvalidWorkload = 1,

    /// <summary>More sequences than the largest compiled batch.</summary>
    BatchBeyondCompiled = 2,

    /// <summary>The input is longer than the largest prefill bucket.</summary>
    InputBeyondBuckets = 3,

    /// <summary>Decoding would grow the KV cache past the largest decode bucket.</summary>
    ContextBeyondBuckets = 4,
}
