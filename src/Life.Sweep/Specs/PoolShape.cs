using System.Globalization;
using Life.Engine.Specs;

namespace Life.Sweep.Specs;

/// <summary>
/// One value of the <c>disaggregation:</c> dimension (docs/serving.md): colocated replicas (<c>none</c>,
/// 0 prefill and 0 decode replicas), or an xPyD deployment of <see cref="PrefillReplicas"/> prefill and
/// <see cref="DecodeReplicas"/> decode replicas of the row's layout, the decode ones on
/// <see cref="DecodeHardware"/> (the row's hardware when null).
/// </summary>
public sealed record PoolShape(int PrefillReplicas, int DecodeReplicas, HardwareSpec? DecodeHardware)
{
    /// <summary>Prefill and decode share replicas: the row is served as without the dimension.</summary>
    public static readonly PoolShape Colocated = new(0, 0, null);

    public bool IsColocated => PrefillReplicas == 0;

    /// <summary>The dimension's text value: <c>none</c>, <c>1p3d</c>, or <c>2p2d-h200</c> with other decode hardware.</summary>
    public string Name => IsColocated
        ? "none"
        : DecodeHardware is { } decode
            ? string.Create(CultureInfo.InvariantCulture, $"{PrefillReplicas}p{DecodeReplicas}d-{decode.Id}")
            : string.Create(CultureInfo.InvariantCulture, $"{PrefillReplicas}p{DecodeReplicas}d");

    /// <summary>The decode replicas' hardware on a row of <paramref name="hardware"/>.</summary>
    public HardwareSpec DecodeOn(in HardwareSpec hardware) => DecodeHardware ?? hardware;
}
