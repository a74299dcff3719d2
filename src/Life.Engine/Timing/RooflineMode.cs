namespace Life.Engine.Timing;

/// <summary>How counts become time.</summary>
public enum RooflineMode : byte
{
    /// <summary>max(ops / compute rate, bytes / memory rate) per operator and step, plus dispatch: LifeSweep's default.</summary>
    PerOperator = 0,

    /// <summary>
    /// LIFE's form: whole-model sums, TTFT = max(Σops / compute, Σbytes / memory) + dispatch, and decode
    /// treated as memory-bound, TPOT = Σbytes / memory + dispatch. Reproduces the paper's forecasts.
    /// </summary>
    WholeModel = 1,
}
