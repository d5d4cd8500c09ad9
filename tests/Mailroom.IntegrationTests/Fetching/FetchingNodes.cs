using System.Globalization;
using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.IntegrationTests.Fetching;

/// <summary>
/// Real app processes (<c>dotnet Mailroom.Web.dll</c>) fetching from the testenv Dovecot on one database, plus a
/// direct line to that database for the test: the way to prove what survives kill -9.
/// </summary>
internal sealed class FetchingNodes(TestDatabase database, TestServers servers, string workingDirectory) : IAsyncDisposable
{
    private readonly ServiceProvider _services = DirectServices(database);

    public TestDatabase Database => database;

    /// <summary>A node that polls each account every <paramref name="pollInterval"/> (an hour unless given: most tests trigger fetches themselves).</summary>
    public AppProcess Start(string node, TimeSpan lease, TimeSpan? pollInterval = null, int maxSessionsPerHost = 4, TimeSpan? claimInterval = null) => AppProcess.Start(workingDirectory, new Dictionary<string, string>
    {
        ["Mailroom__Database__Provider"] = database.Provider.ToString(),
        ["ConnectionStrings__Mailroom"] = database.ConnectionString,
        ["Mailroom__Network__AllowPrivateAddresses"] = "true",
        ["Mailroom__Tls__TrustedRootCertificates__0"] = servers.CaCertificatePath,
        ["Mailroom__Pop3__AllowedPorts__0"] = servers.Pop3sPort.ToString(CultureInfo.InvariantCulture),
        ["Mailroom__Fetching__NodeName"] = node,
        ["Mailroom__Fetching__LeaseDuration"] = lease.ToString("c", CultureInfo.InvariantCulture),
        ["Mailroom__Fetching__ClaimInterval"] = (claimInterval ?? TimeSpan.FromMilliseconds(200)).ToString("c", CultureInfo.InvariantCulture),
        ["Mailroom__Fetching__ProgressInterval"] = "00:00:00.500",
        ["Mailroom__Fetching__PollInterval"] = (pollInterval ?? TimeSpan.FromHours(1)).ToString("c", CultureInfo.InvariantCulture),
        ["Mailroom__Fetching__MaxSessionsPerHost"] = maxSessionsPerHost.ToString(CultureInfo.InvariantCulture),
        ["Mailroom__Fetching__BatchMaxMessages"] = "25",
        ["Logging__LogLevel__Default"] = "Warning",
    });

    /// <summary>Adds an account as the accounts feature would: the password encrypted with the app's shared key ring.</summary>
    public Task<Guid> AddAccountAsync(MailboxUser mailbox, RetrievalPolicy policy) =>
        FetchTestApps.SeedAccountAsync(_services, servers, mailbox, policy);

    public async Task<T> QueryAsync<T>(Func<MailroomDbContext, Task<T>> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MailroomDbContext>());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static ServiceProvider DirectServices(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mailroom:Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Mailroom"] = database.ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMailroomDatabase(configuration);
        services.AddMailroomDataProtection(configuration);
        return services.BuildServiceProvider();
    }
}
