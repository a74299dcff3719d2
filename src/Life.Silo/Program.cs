using Microsoft.Extensions.Hosting;

// life-silo: the cluster worker host. It will run the shard-worker consumers over RabbitMQ (issue 5).
var builder = Host.CreateApplicationBuilder(args);
using var host = builder.Build();
await host.RunAsync();
