using System.Net;
using Life.Cluster.Tests.Infrastructure;

namespace Life.Cluster.Tests;

/// <summary>life-silo --dashboard: the Orleans Dashboard served on loopback; without the flag no port is opened for it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloDashboardTests : ClusterTest
{
    public SiloDashboardTests(ITestOutputHelper log)
        : base(log)
    {
    }

    [Fact]
    public async Task A_silo_with_dashboard_serves_it_on_loopback_and_a_silo_without_listens_only_on_its_two_orleans_ports()
    {
        var plain = await StartReadySiloAsync();
        var port = Life.Grains.Hosting.FreePort.Next();
        var withDashboard = await StartReadySiloAsync(1, "--dashboard", "--dashboard-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Silo and gateway ports only: the kernel's view, so a listener opened by a library counts too.
        var plainSockets = ListeningSockets.Of(plain.Id);
        Log.WriteLine($"{plain.Name} listens on {string.Join(", ", plainSockets)}");
        Assert.Equal(2, plainSockets.Count);
        Assert.All(plainSockets, socket => Assert.Equal(IPAddress.Loopback, socket.Address));
        Assert.DoesNotContain(plainSockets, socket => socket.Port == port);

        var dashboardSockets = ListeningSockets.Of(withDashboard.Id);
        Log.WriteLine($"{withDashboard.Name} listens on {string.Join(", ", dashboardSockets)}");
        Assert.Equal(3, dashboardSockets.Count);
        Assert.Contains(new IPEndPoint(IPAddress.Loopback, port), dashboardSockets);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        using var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The dashboard's grains work in this cluster: its counters list the other silo too, by its silo address ("127.0.0.1:PORT@generation").
        bool ListsPlain(string json) => plainSockets.Any(socket => json.Contains($"127.0.0.1:{socket.Port}@", StringComparison.Ordinal));
        var counters = "";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !ListsPlain(counters))
        {
            using var response = await http.GetAsync(new Uri("/DashboardCounters", UriKind.Relative));
            counters = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : "";
            await Task.Delay(200);
        }

        Log.WriteLine(counters.Length > 600 ? counters[..600] : counters);
        Assert.True(ListsPlain(counters), "the dashboard's counters do not list the silo without a dashboard");
        Assert.Contains(withDashboard.Lines, line => line.Contains($"dashboard on http://127.0.0.1:{port}/ (loopback only)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dashboard_address_that_is_not_an_ip_exits_2_with_one_line()
    {
        var silo = Cluster.StartSilo(1, "--dashboard", "--dashboard-bind", "everywhere");
        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, silo.ExitCode);
        Assert.Equal("life-silo: --dashboard-bind 'everywhere' is not an IP address", Assert.Single(silo.Lines));
    }
}
