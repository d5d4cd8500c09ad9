using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.Fetching;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Mailroom.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.IntegrationTests.Fetching;

/// <summary>Apps set up to fetch from the testenv Dovecot, and accounts created straight in their database.</summary>
internal static class FetchTestApps
{
    /// <summary>The scheduler is off unless asked: most tests drive each fetch themselves, so every run is deterministic.</summary>
    public static MailroomAppFactory Create(DatabaseKind kind, TestServers servers, bool scheduler = false, params int[] extraPorts) =>
        Configure(new MailroomAppFactory(kind), servers, scheduler, extraPorts);

    public static MailroomAppFactory Configure(MailroomAppFactory app, TestServers servers, bool scheduler, params int[] extraPorts)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(servers);
        app.WithSetting("Mailroom:Network:AllowPrivateAddresses", "true")
            .WithSetting("Mailroom:Tls:TrustedRootCertificates:0", servers.CaCertificatePath)
            .WithSetting("Mailroom:Fetching:Enabled", scheduler ? "true" : "false")
            .WithSetting("Mailroom:Fetching:ClaimInterval", "00:00:00.200")
            .WithSetting("Mailroom:Fetching:PollInterval", "01:00:00");
        int[] ports = [servers.Pop3sPort, servers.Pop3Port, .. extraPorts];
        for (var i = 0; i < ports.Length; i++)
        {
            app.WithSetting($"Mailroom:Pop3:AllowedPorts:{i}", ports[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return app;
    }

    public static Task<Guid> AddAccountAsync(
        MailroomAppFactory app, TestServers servers, MailboxUser mailbox, RetrievalPolicy policy = RetrievalPolicy.KeepOnServer, int? deleteAfterDays = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return SeedAccountAsync(app.Services, servers, mailbox, policy, deleteAfterDays, port);
    }

    /// <summary>Adds a user and a POP3 account straight into the database, the password encrypted with the services' key ring as the accounts feature does.</summary>
    public static async Task<Guid> SeedAccountAsync(
        IServiceProvider services, TestServers servers, MailboxUser mailbox, RetrievalPolicy policy, int? deleteAfterDays = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(mailbox);
        await using var scope = services.CreateAsyncScope();
        var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(Pop3PasswordProtector.Purpose);
        var db = scope.ServiceProvider.GetRequiredService<MailroomDbContext>();
        var owner = new MailroomUser { UserName = mailbox.Address, Email = mailbox.Address };
        db.Users.Add(owner);
        var account = new Pop3Account
        {
            OwnerId = owner.Id,
            DisplayName = "Fetch test",
            EmailAddress = mailbox.Address,
            Host = servers.GoodHost,
            Port = port ?? servers.Pop3sPort,
            UseSsl = true,
            UserName = mailbox.Address,
            ProtectedPassword = protector.Protect(mailbox.Password),
            AfterRetrieval = policy,
            DeleteAfterDays = deleteAfterDays,
        };
        db.Pop3Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    /// <summary>Fetch now, then run that fetch on the calling thread, exactly as the scheduler would; returns its history row.</summary>
    public static async Task<FetchRun> FetchOnceAsync(MailroomAppFactory app, Guid accountId)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FetchRequests>().RequestAsync(accountId, default);
        var lease = (await scope.ServiceProvider.GetRequiredService<FetchStateStore>().ClaimDueAsync("test-node", 1, TimeSpan.FromMinutes(1), ClaimFilter.Any, default)).Single().Lease;
        Assert.Equal(accountId, lease.AccountId);
        await scope.ServiceProvider.GetRequiredService<AccountFetcher>().FetchAsync(lease, default);
        var db = scope.ServiceProvider.GetRequiredService<MailroomDbContext>();
        return await db.FetchRuns.AsNoTracking().Where(r => r.AccountId == accountId).OrderByDescending(r => r.Id).FirstAsync();
    }

    /// <summary>Message-ID of every stored message of the account (duplicates included, so a test can count them).</summary>
    public static Task<List<string>> StoredMessageIdsAsync(MailroomAppFactory app, Guid accountId) =>
        app.WithDbContextAsync(db => db.Messages.AsNoTracking().Where(m => m.AccountId == accountId).Select(m => m.MessageIdHeader ?? "").ToListAsync());
}
