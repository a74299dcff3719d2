namespace Life.SweepClient.Commands;

/// <summary>Replicas, devices and cost to serve a target rate with replicas that each sustain <see cref="MaxQps"/>; NaN where there is no target or no rate meets the SLOs.</summary>
internal sealed record CapacityPlan(double MaxQps, double TargetQps, double Replicas, double Devices, double CostPerHour, double CostPerMillionOutputTokens)
{
    /// <summary>What the steady-state model alone finds (the sweep objective max_qps_at_slo).</summary>
    public double SteadyStateMaxQps { get; init; }

    public static CapacityPlan For(ServingReplica replica, double maxQps, double? targetQps) =>
        For(maxQps, targetQps, replica.Deployment.Devices, replica.Deployment.Devices * replica.Hardware.HourlyCostUsd, replica.OutputTokens);

    /// <summary>For deployments of <paramref name="devicesPerDeployment"/> devices renting at <paramref name="hourlyPerDeployment"/> that each sustain <paramref name="maxQps"/>.</summary>
    public static CapacityPlan For(double maxQps, double? targetQps, double devicesPerDeployment, double hourlyPerDeployment, int outputTokens)
    {
        if (targetQps is not { } target || maxQps <= 0)
        {
            return new CapacityPlan(maxQps, targetQps ?? double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var replicas = Math.Ceiling(target / maxQps);
        var devices = replicas * devicesPerDeployment;
        var hourly = replicas * hourlyPerDeployment;
        var perMillion = hourly / (target * outputTokens * 3600) * 1e6;
        return new CapacityPlan(maxQps, target, replicas, devices, hourly, perMillion);
    }
}
