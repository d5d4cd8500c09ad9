using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mailroom.Bench.Reading;

namespace Mailroom.Bench.Scale;

/// <summary>
/// The built Mailroom.Web.dll as one node of the benchmark, fetching from the testenv Dovecot, with its CPU time and
/// peak RSS read from /proc (user + system jiffies, VmHWM).
/// </summary>
internal sealed class ScaleNode : IAsyncDisposable
{
    private static readonly double TicksPerSecond = 100;
    private readonly Process _process;

    private ScaleNode(string name, Process process, string baseUrl)
    {
        Name = name;
        _process = process;
        BaseUrl = baseUrl;
    }

    public string Name { get; }

    public string BaseUrl { get; }

    public static async Task<ScaleNode> StartAsync(string webAssembly, BenchDatabase database, string name, ScaleSettings settings, bool fetching)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(webAssembly)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { webAssembly, "--urls", baseUrl })
        {
            start.ArgumentList.Add(argument);
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Mailroom__Database__Provider"] = database.Provider.ToString(),
            ["ConnectionStrings__Mailroom"] = database.ConnectionString,
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
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  {name}: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var node = new ScaleNode(name, process, baseUrl);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(3);
        while (TimeProvider.System.GetUtcNow().UtcDateTime < deadline)
        {
            try
            {
                using var health = await client.GetAsync(new Uri(baseUrl + "/healthz"));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return node;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy warming up to answer.
            }

            await Task.Delay(250);
        }

        await node.DisposeAsync();
        throw new InvalidOperationException($"{name} did not become healthy within 3 minutes.");
    }

    /// <summary>CPU seconds (user + system) the process has used so far.</summary>
    public double CpuSeconds()
    {
        // /proc/<pid>/stat: fields 14 and 15 (utime, stime) after the parenthesised command name.
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>Peak resident set size in MB (VmHWM).</summary>
    public double PeakRssMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>SIGKILL: no shutdown, no lease released.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
            await term.WaitForExitAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal sealed record ScaleSettings(int Accounts, TimeSpan Interval, TimeSpan Lease, int Rounds);
