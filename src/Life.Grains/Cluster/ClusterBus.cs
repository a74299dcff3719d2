using MassTransit;

namespace Life.Grains.Cluster;

/// <summary>The RabbitMQ transport as both the silos and the client configure it.</summary>
public static class ClusterBus
{
    /// <summary>Host, port, virtual host and credentials from the amqp:// URI (guest on loopback when the URI has none).</summary>
    public static void UsingClusterRabbitMq(this IBusRegistrationConfigurator bus, ClusterSettings settings, string connectionName, Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(settings);
        var uri = settings.RabbitMq;
        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var virtualHost = string.IsNullOrEmpty(path) ? "/" : path;
        var credentials = uri.UserInfo.Split(':', 2);
        var user = credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest";
        var password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (uri.Scheme == "amqps" ? 5671 : 5672) : uri.Port;
        bus.UsingRabbitMq((context, configurator) =>
        {
            configurator.Host(uri.Host, (ushort)port, virtualHost, connectionName, host =>
            {
                host.Username(user);
                host.Password(password);
                host.Heartbeat(TimeSpan.FromSeconds(10));
                if (uri.Scheme == "amqps")
                {
                    host.UseSsl(ssl => ssl.ServerName = uri.Host);
                }
            });
            configure?.Invoke(context, configurator);
        });
    }
}
