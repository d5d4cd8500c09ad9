using System.Globalization;
using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Mailroom.Users;
using Microsoft.AspNetCore.DataProtection;
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

    public AppProcess Start(string node, TimeSpan lease) => AppProcess.Start(workingDirectory, new Dictionary<string, string>
    {
        ["Mailroom__Database__Provider"] = database.Provider.ToString(),
        ["ConnectionStrings__Mailroom"] = database.ConnectionString,
        ["Mailroom__Network__AllowPrivateAddresses"] = "true",
        ["Mailroom__Tls__TrustedRootCertificates__0"] = servers.CaCertificatePath,
        ["Mailroom__Pop3__AllowedPorts__0"] = servers.Pop3sPort.ToString(CultureInfo.InvariantCulture),
        ["Mailroom__Fetching__NodeName"] = node,
        ["Mailroom__Fetching__LeaseDuration"] = lease.ToString("c", CultureInfo.InvariantCulture),
        ["Mailroom__Fetching__ClaimInterval"] = "00:00:00.200",
        ["Mailroom__Fetching__ProgressInterval"] = "00:00:00.500",
        ["Mailroom__Fetching__PollInterval"] = "01:00:00",
        ["Mailroom__Fetching__BatchMaxMessages"] = "25",
        ["Logging__LogLevel__Default"] = "Warning",
    });

    /// <summary>Adds an account as the accounts feature would: the password encrypted with the app's shared key ring.</summary>
    public async Task<Guid> AddAccountAsync(MailboxUser mailbox, RetrievalPolicy policy)
    {
        await using var scope = _services.CreateAsyncScope();
        var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(Pop3PasswordProtector.Purpose);
        var db = scope.ServiceProvider.GetRequiredService<MailroomDbContext>();
        var owner = new MailroomUser { UserName = mailbox.Address, Email = mailbox.Address };
        db.Users.Add(owner);
        var account = new Pop3Account
        {
            OwnerId = owner.Id,
            DisplayName = "Node test",
            EmailAddress = mailbox.Address,
            Host = servers.GoodHost,
            Port = servers.Pop3sPort,
            UseSsl = true,
            UserName = mailbox.Address,
            ProtectedPassword = protector.Protect(mailbox.Password),
            AfterRetrieval = policy,
        };
        db.Pop3Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

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
