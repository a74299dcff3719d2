using Life.Checkpoints;
using Life.Engine;
using Life.Sweep.Checkpoints;
using Life.Grains.Cluster;
using Life.Grains.Messaging;
using Life.Sweep.Workers;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Life.Silo;

/// <summary>
/// life-silo: a Generic Host running the shard-worker consumer over RabbitMQ, checkpoints in
/// PostgreSQL. Prefetch equals concurrency (a silo holds only what it evaluates). On SIGTERM the bus
/// stops taking messages and waits for the shards in flight; one still running at the stop timeout
/// is cancelled and its message released unacknowledged, so another silo takes it. Exit codes: 0, 2
/// bad input (one line naming the option), 1 any other failure.
/// </summary>
public static class SiloHost
{
    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--concurrency"] = "Silo:Concurrency",
        ["--health-interval"] = "Silo:HealthIntervalSeconds",
        ["--stop-timeout"] = "Silo:StopTimeoutSeconds",
        ["--postgres"] = ClusterSettings.PostgresKey,
        ["--rabbitmq"] = ClusterSettings.RabbitMqKey,
    };

    public static async Task<int> RunAsync(string[] args)
    {
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
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
            // The defaults shipped beside the binary come first; the working directory's
            // appsettings.json, the environment and the command line override them.
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
                console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            });
            var options = SiloOptions.From(builder.Configuration);
            var settings = ClusterSettings.From(builder.Configuration[ClusterSettings.PostgresKey], builder.Configuration[ClusterSettings.RabbitMqKey]);
            var identity = WorkerIdentity.ForThisProcess("silo");

            using var startupLogging = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
            var startupLog = startupLogging.CreateLogger("life-silo");
            startupLog.LogInformation("{Worker} starting: concurrency {Concurrency}, {Settings}", identity.Name, options.Concurrency, settings.Describe());
            await using var store = await PostgresCheckpointStore.OpenAsync(settings.Postgres, startupLogging.CreateLogger<PostgresCheckpointStore>(), CancellationToken.None);

            Configure(builder.Services, options, settings, identity, store);
            using var host = builder.Build();
            var activity = host.Services.GetRequiredService<SiloActivity>();
            await host.RunAsync();
            startupLog.LogInformation("{Worker} stopped: {Completed} shards completed ({Rows} rows)", identity.Name, activity.Completed, activity.Rows);
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

    private static void Configure(IServiceCollection services, SiloOptions options, ClusterSettings settings, WorkerIdentity identity, PostgresCheckpointStore store)
    {
        services.AddSingleton(options);
        services.AddSingleton(store);
        services.AddSingleton<ICheckpointStore>(store);
        services.AddSingleton<ISweepDirectory>(new StoreSweepDirectory(store));
        services.AddSingleton(identity);
        services.AddSingleton(ShardRetryPolicy.Default);
        services.AddSingleton(new WorkerConcurrency(options.Concurrency));
        services.AddSingleton<SiloActivity>();
        services.AddSingleton<IShardWorker>(provider => new CountingShardWorker(
            new ShardWorker(identity.Name), provider.GetRequiredService<SiloActivity>(), provider.GetRequiredService<ILogger<CountingShardWorker>>()));
        services.AddHostedService<SiloHealthReporter>();
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddConsumer<EvaluateShardConsumer, EvaluateShardConsumerDefinition>();
            bus.UsingClusterRabbitMq(settings, identity.Name, (context, configure) => configure.ConfigureEndpoints(context));
        });

        // Stopping: the bus waits for shards in flight, cancels any still running a little before its
        // own limit, and the host waits for the bus (its default 30 s would cut the bus off first).
        services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = false;
            host.StopTimeout = options.StopTimeout;
            host.ConsumerStopTimeout = options.StopTimeout * 0.8;
        });
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.StopTimeout + TimeSpan.FromSeconds(15));
    }

    private const string Usage = """
        life-silo: a LifeSweep cluster worker (shard consumer over RabbitMQ, checkpoints in PostgreSQL)

        Usage: life-silo [--concurrency N] [--postgres CONNECTION] [--rabbitmq amqp://...]
                         [--health-interval SECONDS] [--stop-timeout SECONDS]

          --concurrency N        shards evaluated at once, and RabbitMQ prefetch (default: one per core)
          --postgres CS          Npgsql connection string (or LIFE_POSTGRES, or appsettings.json)
          --rabbitmq URI         amqp://user:password@host:port/vhost (or LIFE_RABBITMQ, or appsettings.json)
          --health-interval S    seconds between health lines and heartbeats (default 15)
          --stop-timeout S       on SIGTERM, seconds to let shards in flight finish (default 120)
        """;
}
