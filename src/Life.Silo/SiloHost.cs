using Life.Checkpoints;
using Life.Engine;
using Life.Grains.Cluster;
using Life.Grains.Hosting;
using System.Net;
using Life.Sweep.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Life.Silo;

/// <summary>
/// life-silo: a Generic Host running an Orleans silo of the cluster whose membership, grain state,
/// reminders and checkpoints are in PostgreSQL (<see cref="ClusterSilo"/>). At start it applies the
/// Orleans schema and the checkpoint tables (idempotent, under advisory locks). On SIGTERM the silo
/// leaves the cluster gracefully: its grains deactivate, and a shard call it could not finish is
/// made again by its sweep grain on another silo. Exit codes: 0, 2 bad input (one line naming the
/// option), 1 any other failure.
/// </summary>
public static class SiloHost
{
    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--concurrency"] = "Silo:Concurrency",
        ["--health-interval"] = "Silo:HealthIntervalSeconds",
        ["--stop-timeout"] = "Silo:StopTimeoutSeconds",
        ["--silo-port"] = "Silo:SiloPort",
        ["--gateway-port"] = "Silo:GatewayPort",
        ["--advertise"] = "Silo:AdvertisedAddress",
        ["--max-in-flight"] = "Silo:MaxShardsInFlight",
        ["--postgres"] = ClusterSettings.PostgresKey,
        ["--dashboard"] = "Silo:Dashboard",
        ["--dashboard-port"] = "Silo:DashboardPort",
        ["--dashboard-bind"] = "Silo:DashboardBind",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        args = SiloDashboard.ExpandFlag(args);
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            await Console.Out.WriteLineAsync(Usage);
            return 0;
        }

        var unknown = args.Where((a, i) => a.StartsWith('-') && !Switches.ContainsKey(a.Split('=')[0]) && (i == 0 || !Switches.ContainsKey(args[i - 1]))).FirstOrDefault();
        if (unknown is not null)
        {
            await Console.Error.WriteLineAsync($"life-silo: unknown option '{unknown}' (see --help)");
            return 2;
        }

        try
        {
            var configuration = CreateBuilder(args, web: false).Configuration;
            var options = SiloOptions.From(configuration);
            var settings = ClusterSettings.From(configuration[ClusterSettings.PostgresKey]);
            (configuration as IDisposable)?.Dispose();

            using var startupLogging = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
            var startupLog = startupLogging.CreateLogger("life-silo");
            startupLog.LogInformation("life-silo starting: concurrency {Concurrency}, silo {Address}:{SiloPort}, gateway {GatewayPort}, {Settings}", options.Concurrency, options.Advertised, options.SiloPort, options.GatewayPort, settings.Describe());
            if (options.Dashboard is { } dashboard)
            {
                startupLog.Log(IPAddress.IsLoopback(dashboard.Address) ? LogLevel.Information : LogLevel.Warning, "{Dashboard}", SiloDashboard.Describe(dashboard));
            }

            // Both retry a database that is down or restarting (2 minutes), logging each retry.
            await OrleansSchema.ApplyAsync(settings.Postgres, CancellationToken.None, logger: startupLog);
            await using var store = await PostgresCheckpointStore.OpenAsync(settings.Postgres, startupLogging.CreateLogger<PostgresCheckpointStore>(), CancellationToken.None);

            // The silo's own start reads the database again (membership, grain storage, reminders):
            // a start that the database failed is torn down and made again, within a bound.
            startupLog.LogInformation("database ready (Orleans schema, checkpoint tables); starting the silo");
            var retry = new StartupRetry(startupLog);
            IHost host;
            while (true)
            {
                host = BuildHost(args, options, settings, store);
                try
                {
                    await host.StartAsync();
                    break;
                }
                catch (Exception e) when (StartupRetry.TransientCause(e) is not null)
                {
                    await StopQuietlyAsync(host);
                    host.Dispose();
                    if (!await retry.ShouldRetryAsync(e, CancellationToken.None))
                    {
                        throw;
                    }
                }
            }

            using var started = host;
            var activity = host.Services.GetRequiredService<SiloActivity>();
            await host.WaitForShutdownAsync();
            startupLog.LogInformation("life-silo stopped: {Completed} shards completed ({Rows} rows)", activity.Completed, activity.Rows);
            return 0;
        }
        catch (EngineInputException e)
        {
            await Console.Error.WriteLineAsync($"life-silo: {e.Message}");
            return 2;
        }
#pragma warning disable CA1031 // The top level turns any failure into one line and exit code 1.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"life-silo: error: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static IHost BuildHost(string[] args, SiloOptions options, ClusterSettings settings, PostgresCheckpointStore store)
    {
        var builder = CreateBuilder(args, web: options.Dashboard is not null);
        builder.UseOrleans(silo =>
        {
            silo.UseLifeSweepCluster(
                settings, new ClusterSiloOptions(options.Advertised, options.SiloPort, options.GatewayPort, options.Concurrency, options.MaxShardsInFlight), store);
            SiloDashboard.Configure(silo, options.Dashboard);
        });
        Configure(builder.Services, options, store);
        return builder switch
        {
            WebApplicationBuilder web => SiloDashboard.Build(web, options.Dashboard!),
            _ => ((HostApplicationBuilder)builder).Build(),
        };
    }

    /// <summary>Stops what a failed start had started (its listeners, its timers), so the next attempt can bind the same ports.</summary>
    private static async Task StopQuietlyAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StopAsync(timeout.Token);
        }
#pragma warning disable CA1031 // Tearing down a start that already failed: that failure is the one reported.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// The host builder with life-silo's configuration: the defaults shipped beside the binary
    /// first; the working directory's appsettings.json, the environment and the command line
    /// override them. A web builder (for the dashboard) is a Generic Host that can also serve HTTP.
    /// </summary>
    private static IHostApplicationBuilder CreateBuilder(string[] args, bool web)
    {
        IHostApplicationBuilder builder = web
            ? WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() })
            : Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
        });
        builder.Configuration.AddCommandLine(args, Switches);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
            console.UseUtcTimestamp = true;
        });
        return builder;
    }

    private static void Configure(IServiceCollection services, SiloOptions options, PostgresCheckpointStore store)
    {
        services.AddSingleton(options);
        services.AddSingleton(store);
        services.AddSingleton<SiloActivity>();
        // Registered after the grains' own: this silo's shards counted for health lines and heartbeats.
        services.AddSingleton<IShardWorker>(provider => new CountingShardWorker(
            new ShardWorker(provider.GetRequiredService<SiloWorkerName>().Value), provider.GetRequiredService<SiloActivity>(), provider.GetRequiredService<ILogger<CountingShardWorker>>()));
        services.AddHostedService<SiloHealthReporter>();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.StopTimeout);
    }

    private const string Usage = """
        life-silo: a LifeSweep cluster silo (Orleans; membership, grain state, reminders and checkpoints in PostgreSQL)

        Usage: life-silo [--concurrency N] [--postgres CONNECTION] [--silo-port P] [--gateway-port P]
                         [--advertise IP] [--max-in-flight N]
                         [--health-interval SECONDS] [--stop-timeout SECONDS]
                         [--dashboard [--dashboard-port P] [--dashboard-bind IP]]

          --concurrency N        shards evaluated at once on this silo (default: one per core)
          --postgres CS          Npgsql connection string (or LIFE_POSTGRES, or appsettings.json)
          --silo-port P          silo-to-silo port (default 11111)
          --gateway-port P       port clients connect to (default 30000)
          --advertise IP         address other silos and clients reach this one at (default 127.0.0.1)
          --max-in-flight N      shard calls a sweep grain hosted here keeps outstanding (default 64)
          --health-interval S    seconds between health lines and heartbeats (default 15)
          --stop-timeout S       on SIGTERM, seconds to let shards in flight finish (default 120)
          --dashboard            serve the Orleans Dashboard (off by default; no authentication)
          --dashboard-port P     its port (default 8080)
          --dashboard-bind IP    its address (default 127.0.0.1: this machine only)
        """;
}
