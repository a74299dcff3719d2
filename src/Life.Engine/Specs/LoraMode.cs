namespace Life.Engine.Specs;

/// <summary>How a LoRA adapter is applied (life-model.md §3).</summary>
public enum LoraMode : byte
{
    /// <summary>Adapter kept apart: every adapted Linear also runs x·A·B and adds it.</summary>
    Unmerged = 0,

    /// <summary>W + BA merged offline: no runtime cost.</summary>
    Merged = 1,

    /// <summary>W + BA merged per request before prefill: (2r+1)·k·n ops per Linear added to TTFT.</summary>
    MergeInline = 2,
}
