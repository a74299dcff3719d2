using Life.Engine.Serving;

namespace Life.SweepClient.Commands;

/// <summary>An xPyD deployment for `capacity`: the prefill and decode replicas and the pools' steady-state model.</summary>
internal sealed record DisaggregatedDeployment(ServingReplica Prefill, ServingReplica Decode, DisaggregatedPools Pools)
{
    /// <summary>Devices of one deployment: x prefill and y decode replicas of tp × pp devices each.</summary>
    public double Devices => (Pools.PrefillReplicas * (double)Prefill.Deployment.Devices) + (Pools.DecodeReplicas * (double)Decode.Deployment.Devices);

    /// <summary>Rental per hour of one deployment; NaN when either hardware has no price.</summary>
    public double CostPerHour => (Pools.PrefillReplicas * Prefill.Deployment.Devices * Prefill.Hardware.HourlyCostUsd) + (Pools.DecodeReplicas * Decode.Deployment.Devices * Decode.Hardware.HourlyCostUsd);
}
