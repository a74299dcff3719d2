using System.Globalization;
using System.Net;

namespace Life.Cluster.Tests.Infrastructure;

/// <summary>
/// The TCP sockets a process listens on, read from Linux's /proc (the socket inodes among its file
/// descriptors, matched against /proc/net/tcp and tcp6 in the LISTEN state): what the kernel says,
/// not what the process logs.
/// </summary>
internal static class ListeningSockets
{
    private const string ListenState = "0A";

    public static IReadOnlyList<IPEndPoint> Of(int processId)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in Directory.EnumerateFiles($"/proc/{processId}/fd"))
        {
            var target = new FileInfo(descriptor).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target["socket:[".Length..^1]);
            }
        }

        var listening = new List<IPEndPoint>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == ListenState && inodes.Contains(fields[9]))
                {
                    listening.Add(Parse(fields[1]));
                }
            }
        }

        return listening;
    }

    /// <summary>"0100007F:1F90" is 127.0.0.1:8080: the address in the kernel's byte order (4-byte groups, little-endian here), the port big-endian hex.</summary>
    private static IPEndPoint Parse(string field)
    {
        var parts = field.Split(':');
        var hex = parts[0];
        var bytes = new byte[hex.Length / 2];
        for (var group = 0; group < bytes.Length / 4; group++)
        {
            var word = uint.Parse(hex.AsSpan(group * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            BitConverter.TryWriteBytes(bytes.AsSpan(group * 4, 4), word);
        }

        var port = int.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new IPEndPoint(new IPAddress(bytes), port);
    }
}
