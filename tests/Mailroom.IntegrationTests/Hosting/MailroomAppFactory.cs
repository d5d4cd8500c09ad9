using System.Net;
using Mailroom.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailroom.IntegrationTests.Hosting;

/// <summary>
/// The real Mailroom app on Kestrel at 127.0.0.1 (random port), on its own database, with every log line captured.
/// Use it as a class fixture through <see cref="SqliteApp"/> / <see cref="PostgresApp"/>, or create one per test:
/// <code>
/// await using var app = new MailroomAppFactory(kind).WithSetting("Mailroom:Users:MaxFailedSignInAttempts", "3");
/// await app.StartAsync();
/// </code>
/// </summary>
public class MailroomAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly DatabaseKind _kind;
    private readonly bool _ownsDatabase;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _serviceOverrides = [];
    private TestDatabase? _database;
    private string? _baseUrl;

    /// <summary>An app on a database of its own, created on start and deleted on dispose.</summary>
    public MailroomAppFactory(DatabaseKind kind)
    {
        _kind = kind;
        _ownsDatabase = true;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>
    /// An app on a database that the caller owns, e.g. to run two nodes on one database; <paramref name="port"/> other
    /// than 0 restarts an app where an earlier one listened (its random port), so open browsers reconnect to it.
    /// </summary>
    public MailroomAppFactory(TestDatabase sharedDatabase, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(sharedDatabase);
        _kind = sharedDatabase.Kind;
        _database = sharedDatabase;
        _ownsDatabase = false;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
    }

    public DatabaseKind DatabaseKind => _kind;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Call StartAsync first.");

    /// <summary>Every line the app logged, at every level.</summary>
    public LogCollector Logs { get; } = new();

    /// <summary>e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl => _baseUrl ?? throw new InvalidOperationException("Call StartAsync first.");

    public Uri BaseAddress => new(BaseUrl + "/");

    /// <summary>What the app is told its public address is; requests naming another host are refused.</summary>
    public const string PublicBaseUrl = "http://127.0.0.1";

    private static readonly string[] UnlimitedBudgets =
        ["SignInsPerMinute", "SignUpsPerHour", "ServerTestsPerUserPer10Minutes", "ServerTestsPerTargetPer10Minutes", "SendsPerHour", "ResendsPerHour", "ApiRequestsPerMinute"];

    /// <summary>Overrides one configuration value (keys as in appsettings, e.g. <c>Mailroom:Users:LockoutDuration</c>).</summary>
    public MailroomAppFactory WithSetting(string key, string? value)
    {
        ThrowIfStarted();
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces services after the app registered its own, e.g. a FakeTimeProvider or a fake resolver.</summary>
    public MailroomAppFactory WithServices(Action<IServiceCollection> configure)
    {
        ThrowIfStarted();
        _serviceOverrides.Add(configure);
        return this;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfStarted();
        _database ??= await TestDatabase.CreateAsync(_kind, cancellationToken);
        // StartServer blocks while the app migrates its database and starts Kestrel.
        await Task.Run(StartServer, cancellationToken);
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        _baseUrl = addresses.Addresses.Single().TrimEnd('/');
    }

    /// <summary>An HttpClient for the running app that keeps cookies and, unless asked, does not follow redirects.</summary>
    public HttpClient CreateHttpClient(bool followRedirects = false) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = followRedirects, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>Runs <paramref name="work"/> with a fresh DbContext from the app's own container.</summary>
    internal async Task<T> WithDbContextAsync<T>(Func<MailroomDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<MailroomDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Mailroom:Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Mailroom", Database.ConnectionString);
        // The port is random, so links in mail name the host only; tests follow them by path and query.
        builder.UseSetting("Mailroom:Hosting:PublicBaseUrl", PublicBaseUrl);
        // Every test signs up from 127.0.0.1; the rate-limit tests set their own budgets.
        foreach (var budget in UnlimitedBudgets)
        {
            builder.UseSetting("Mailroom:RateLimits:" + budget, "100000");
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            // The collector replaces the console: test output stays readable and nothing is lost.
            logging.ClearProviders();
            logging.AddProvider(Logs);
            logging.AddFilter<LogCollector>(null, LogLevel.Trace);
        });
        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _serviceOverrides)
            {
                configure(services);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase && _database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    private void ThrowIfStarted()
    {
        if (_baseUrl is not null)
        {
            throw new InvalidOperationException("The app has started; configure it before StartAsync.");
        }
    }
}
