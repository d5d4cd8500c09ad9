using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Mailroom.Data;

namespace Mailroom.Bench;

/// <summary>
/// The built Mailroom.Web.dll as its own process on 127.0.0.1 (Production environment, warnings-only logging), with
/// how long it took from process start to a healthy <c>/healthz</c>, and its CPU seconds and peak RSS so far.
/// </summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    /// <summary>Generous: three nodes warming up at once on two cores take their time, and start-up is measured anyway.</summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(3);

    private readonly Process _process;

    private WebAppProcess(Process process, string baseUrl, TimeSpan startup)
    {
        _process = process;
        BaseUrl = baseUrl;
        Startup = startup;
    }

    public string BaseUrl { get; }

    /// <summary>Process start to the first 200 from /healthz (polled every 10 ms).</summary>
    public TimeSpan Startup { get; }

    public static async Task<WebAppProcess> StartAsync(
        string webAssembly, DatabaseProvider provider, string connectionString, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken, string name = "app")
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Mailroom__Database__Provider"] = provider.ToString();
        start.Environment["ConnectionStrings__Mailroom"] = connectionString;
        start.Environment["Mailroom__Hosting__PublicBaseUrl"] = baseUrl;

        // The benchmarks send thousands of requests a minute as one user: they measure the app, not its API budget.
        start.Environment["Mailroom__RateLimits__ApiRequestsPerMinute"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
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

        while (clock.Elapsed < StartDeadline && !process.HasExited)
        {
            try
            {
                using var health = await client.GetAsync(new Uri(baseUrl + "/healthz"), cancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return new WebAppProcess(process, baseUrl, clock.Elapsed);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy warming up to answer.
            }

            await Task.Delay(10, cancellationToken);
        }

        await new WebAppProcess(process, baseUrl, clock.Elapsed).DisposeAsync();
        throw new InvalidOperationException($"The app did not become healthy within {StartDeadline.TotalMinutes:0} minutes.");
    }

    /// <summary>The Release build of the web app in this repository (bench/run.sh builds it).</summary>
    public static string ReleaseBuild()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Mailroom.slnx")))
        {
            root = root.Parent;
        }

        return root is null
            ? throw new InvalidOperationException("Run from inside the repository, or pass --web path/to/Mailroom.Web.dll.")
            : Path.Combine(root.FullName, "src", "Mailroom.Web", "bin", "Release", "net10.0", "Mailroom.Web.dll");
    }

    /// <summary>Registers a user through the API and returns a client that sends its bearer token.</summary>
    public async Task<HttpClient> SignUpAsync(string email, CancellationToken cancellationToken)
    {
        const string password = "Quokka lantern orbit 7391";
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        using var register = await client.PostAsJsonAsync("api/auth/register", new { email, password }, cancellationToken);
        if (!register.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Sign-up was refused: {await register.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var login = await client.PostAsJsonAsync("api/auth/login", new { email, password }, cancellationToken);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken))!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>User + system CPU seconds of the app process so far (/proc/PID/stat fields 14 and 15, in clock ticks of 1/100 s).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Peak resident set size so far, kB (VmHWM).</summary>
    public long PeakRssKilobytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>SIGKILL: no shutdown, no lease released.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then SIGKILL if it has not shut down within 40 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!)
        {
            await term.WaitForExitAsync();
        }

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

internal sealed record TokenResponse(string AccessToken);
