using System.Globalization;
using System.Net;
using Life.Engine;
using Microsoft.Extensions.Configuration;

namespace Life.Silo;

/// <summary>life-silo's own settings (the cluster's are <c>ClusterSettings</c>), checked once at start.</summary>
public sealed record SiloOptions(
    int Concurrency,
    TimeSpan HealthInterval,
    TimeSpan StopTimeout,
    int SiloPort,
    int GatewayPort,
    IPAddress Advertised,
    int MaxShardsInFlight,
    IPEndPoint? Dashboard)
{
    /// <summary>The dashboard's port when <c>--dashboard</c> is given without <c>--dashboard-port</c>.</summary>
    public const int DefaultDashboardPort = 8080;

    public static SiloOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var concurrency = Positive(configuration, "Silo:Concurrency", "--concurrency", Environment.ProcessorCount);
        var advertised = configuration["Silo:AdvertisedAddress"];
        IPAddress? address = null;
        if (!string.IsNullOrWhiteSpace(advertised) && !IPAddress.TryParse(advertised, out address))
        {
            throw new EngineInputException($"--advertise '{advertised}' is not an IP address");
        }

        return new SiloOptions(
            concurrency,
            TimeSpan.FromSeconds(Positive(configuration, "Silo:HealthIntervalSeconds", "--health-interval", 15)),
            TimeSpan.FromSeconds(Positive(configuration, "Silo:StopTimeoutSeconds", "--stop-timeout", 120)),
            Port(configuration, "Silo:SiloPort", "--silo-port", 11111),
            Port(configuration, "Silo:GatewayPort", "--gateway-port", 30000),
            address ?? IPAddress.Loopback,
            Positive(configuration, "Silo:MaxShardsInFlight", "--max-in-flight", 64),
            DashboardEndpoint(configuration));
    }

    /// <summary>Where the dashboard listens: null (no listener at all) unless Silo:Dashboard is true; loopback unless told otherwise.</summary>
    private static IPEndPoint? DashboardEndpoint(IConfiguration configuration)
    {
        var enabled = configuration["Silo:Dashboard"];
        if (string.IsNullOrWhiteSpace(enabled))
        {
            return null;
        }

        if (!bool.TryParse(enabled, out var on))
        {
            throw new EngineInputException($"--dashboard '{enabled}' must be true or false");
        }

        if (!on)
        {
            return null;
        }

        var bind = configuration["Silo:DashboardBind"];
        var address = IPAddress.Loopback;
        if (!string.IsNullOrWhiteSpace(bind) && !IPAddress.TryParse(bind, out address!))
        {
            throw new EngineInputException($"--dashboard-bind '{bind}' is not an IP address");
        }

        return new IPEndPoint(address, Port(configuration, "Silo:DashboardPort", "--dashboard-port", DefaultDashboardPort));
    }

    private static int Port(IConfiguration configuration, string key, string option, int fallback)
    {
        var value = Positive(configuration, key, option, fallback);
        return value <= 65535 ? value : throw new EngineInputException($"{option} '{value}' is not a port (1-65535)");
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
