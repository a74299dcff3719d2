using System.Net;
using System.Net.Sockets;

namespace Life.Grains.Hosting;

/// <summary>A loopback port free at the time of asking, so two embedded runs on one machine never share a silo port.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
