using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Life.Silo;

/// <summary>
/// The optional Orleans Dashboard (<c>--dashboard</c>): its silo services and an ASP.NET Core
/// endpoint in the silo's process, on loopback unless <c>--dashboard-bind</c> says otherwise. It has
/// no authentication, so it is off by default and a silo without the flag opens no port for it.
/// </summary>
public static class SiloDashboard
{
    /// <summary>The flag alone means on: <c>--dashboard</c> becomes <c>--dashboard=true</c> for the configuration reader, which wants a value.</summary>
    public static string[] ExpandFlag(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var expanded = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var valueFollows = i + 1 < args.Length && !args[i + 1].StartsWith('-');
            expanded[i] = args[i] == "--dashboard" && !valueFollows ? "--dashboard=true" : args[i];
        }

        return expanded;
    }

    /// <summary>
    /// With the dashboard, its services; without, its grain classes are taken out of this silo's
    /// manifest, so the dashboard of another silo in the cluster never places its grains here, where
    /// the services they need are missing.
    /// </summary>
    public static void Configure(ISiloBuilder silo, IPEndPoint? dashboard)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (dashboard is not null)
        {
            silo.AddDashboard();
            return;
        }

        var assembly = typeof(DashboardOptions).Assembly;
        silo.Services.PostConfigure<GrainTypeOptions>(grains => grains.Classes.RemoveWhere(type => type.Assembly == assembly));
    }

    /// <summary>The host with the dashboard served at the root of <paramref name="endpoint"/>.</summary>
    public static IHost Build(WebApplicationBuilder builder, IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        var app = builder.Build();
        app.MapOrleansDashboard();
        return app;
    }

    public static string Describe(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var url = $"http://{endpoint}/";
        return IPAddress.IsLoopback(endpoint.Address)
            ? $"dashboard on {url} (loopback only)"
            : $"dashboard on {url}: not loopback, and the dashboard has no authentication; put it behind a proxy that adds it";
    }
}
