using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mailroom.Bench.Reading;

/// <summary>The built Mailroom.Web.dll as its own process on 127.0.0.1, fetching switched off so that only reading is measured.</summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WebAppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<WebAppProcess> StartAsync(string webAssembly, BenchDatabase database, CancellationToken cancellationToken)
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
        start.Environment["Mailroom__Database__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__Mailroom"] = database.ConnectionString;
        start.Environment["Mailroom__Fetching__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("  app: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new WebAppProcess(process, baseUrl);
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                using var health = await client.GetAsync(new Uri(baseUrl + "/healthz"), cancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        await app.DisposeAsync();
        throw new InvalidOperationException("The app did not become healthy within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
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
