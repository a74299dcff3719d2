namespace Life.Reports.Data;

/// <summary>One deployment's best P99 latency at each request rate, rates ascending.</summary>
public sealed record ServingCurve(string Deployment, double[] Rates, double[] P99);
