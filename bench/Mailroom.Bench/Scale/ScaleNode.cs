using System.Globalization;
using Mailroom.Bench.Reading;

namespace Mailroom.Bench.Scale;

/// <summary>The built Mailroom.Web.dll as one named node of the benchmark, fetching from the testenv Dovecot.</summary>
internal sealed class ScaleNode : IAsyncDisposable
{
    private readonly WebAppProcess _app;

    private ScaleNode(string name, WebAppProcess app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    public string BaseUrl => _app.BaseUrl;

    public static async Task<ScaleNode> StartAsync(string webAssembly, BenchDatabase database, string name, ScaleSettings settings, bool fetching)
    {
        var environment = new Dictionary<string, string>
        {
            ["Mailroom__Network__AllowPrivateAddresses"] = "true",
            ["Mailroom__Tls__TrustedRootCertificates__0"] = BenchEnvironment.CaCertificate,
            ["Mailroom__Pop3__AllowedPorts__0"] = BenchEnvironment.ImplicitTlsPort.ToString(CultureInfo.InvariantCulture),
            ["Mailroom__Fetching__Enabled"] = fetching ? "true" : "false",
            ["Mailroom__Fetching__NodeName"] = name,
            ["Mailroom__Fetching__PollInterval"] = settings.Interval.ToString("c", CultureInfo.InvariantCulture),
            ["Mailroom__Fetching__LeaseDuration"] = settings.Lease.ToString("c", CultureInfo.InvariantCulture),
            // Every benchmark mailbox lives on one Dovecot; real accounts spread over many hosts, so the per-host limit is raised to the node's slots.
            ["Mailroom__Fetching__MaxSessionsPerHost"] = "32",
            ["Mailroom__Metrics__Exporter"] = "None",
        };
        return new ScaleNode(name, await WebAppProcess.StartAsync(webAssembly, database.Provider, database.ConnectionString, environment, CancellationToken.None, name));
    }

    /// <summary>CPU seconds (user + system) the process has used so far.</summary>
    public double CpuSeconds() => _app.CpuSeconds();

    /// <summary>Peak resident set size in MB (VmHWM).</summary>
    public double PeakRssMegabytes() => _app.PeakRssKilobytes() / 1024.0;

    /// <summary>SIGKILL: no shutdown, no lease released.</summary>
    public Task KillAsync() => _app.KillAsync();

    public Task StopAsync() => _app.StopAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

internal sealed record ScaleSettings(int Accounts, TimeSpan Interval, TimeSpan Lease, int Rounds);
