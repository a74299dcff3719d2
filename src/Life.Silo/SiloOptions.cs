using System.Globalization;
using Life.Engine;
using Microsoft.Extensions.Configuration;

namespace Life.Silo;

/// <summary>life-silo's own settings (the cluster's are <c>ClusterSettings</c>), checked once at start.</summary>
public sealed record SiloOptions(int Concurrency, TimeSpan HealthInterval, TimeSpan StopTimeout)
{
    public static SiloOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new SiloOptions(
            Positive(configuration, "Silo:Concurrency", "--concurrency", Environment.ProcessorCount),
            TimeSpan.FromSeconds(Positive(configuration, "Silo:HealthIntervalSeconds", "--health-interval", 15)),
            TimeSpan.FromSeconds(Positive(configuration, "Silo:StopTimeoutSeconds", "--stop-timeout", 120)));
    }

    private static int Positive(IConfiguration configuration, string key, string option, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            throw new EngineInputException($"{option} '{text}' must be a whole number of at least 1");
        }

        return value;
    }
}
