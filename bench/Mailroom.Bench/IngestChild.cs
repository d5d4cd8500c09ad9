using System.Diagnostics;
using System.Globalization;
using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.Fetching;
using Mailroom.Network;
using Mailroom.Sending.SystemMail;
using Mailroom.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Bench;

/// <summary>
/// Runs in its own process so that its CPU time and peak RSS are Mailroom's alone: one full ingest with the real
/// engine (the same classes the app's scheduler uses), then a second "nothing new" poll. Prints one RESULT line.
/// </summary>
internal static class IngestChild
{
    public static async Task<int> RunAsync(string provider, string connectionString, string user, string password)
    {
        await using var services = Services(provider, connectionString);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(default);
        var accountId = await AddAccountAsync(services, user, password);

        var ingest = await FetchAsync(services, accountId);
        var poll = await FetchAsync(services, accountId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {ingest.Elapsed.TotalSeconds:0.000} {ingest.Run.NewMessages} {ingest.Run.NewBytes} {poll.Elapsed.TotalSeconds:0.000} {poll.Run.NewMessages} {ingest.Run.Outcome}"));
        return ingest.Run.Outcome == FetchOutcome.Succeeded && poll.Run.Outcome == FetchOutcome.Succeeded ? 0 : 1;
    }

    /// <summary>A second child, on the database the ingest child filled, so the ingest's CPU and RSS stay its own: prints INDEXING and the seconds.</summary>
    public static async Task<int> RunIndexCostAsync(string provider, string connectionString)
    {
        await using var services = Services(provider, connectionString);
        Guid accountId;
        await using (var scope = services.CreateAsyncScope())
        {
            accountId = await scope.ServiceProvider.GetRequiredService<MailroomDbContext>().Pop3Accounts.Select(a => a.Id).SingleAsync();
        }

        // The first pass warms what the ingest had warmed (JIT, the tokenizer, the database's caches); the second is timed.
        await IndexCost.MeasureAsync(services, accountId);
        var indexing = await IndexCost.MeasureAsync(services, accountId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"INDEXING {indexing.TotalSeconds:0.000}"));
        return 0;
    }

    private static ServiceProvider Services(string provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mailroom:Database:Provider"] = provider,
            ["ConnectionStrings:Mailroom"] = connectionString,
            ["Mailroom:Network:AllowPrivateAddresses"] = "true",
            ["Mailroom:Tls:TrustedRootCertificates:0"] = BenchEnvironment.CaCertificate,
            ["Mailroom:Pop3:AllowedPorts:0"] = BenchEnvironment.ImplicitTlsPort.ToString(CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddMailroomDatabase(configuration);
        services.AddMailroomDataProtection(configuration);
        services.AddMailroomNetwork();
        services.AddMailroomSystemMail();
        services.AddMailroomAccounts();
        services.AddMailroomFetching();
        return services.BuildServiceProvider();
    }

    private static async Task<(TimeSpan Elapsed, FetchRun Run)> FetchAsync(IServiceProvider services, Guid accountId)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FetchRequests>().RequestAsync(accountId, default);
        var lease = (await scope.ServiceProvider.GetRequiredService<FetchStateStore>().ClaimDueAsync("bench", 1, TimeSpan.FromMinutes(5), ClaimFilter.Any, default)).Single().Lease;
        var clock = Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<AccountFetcher>().FetchAsync(lease, default);
        var elapsed = clock.Elapsed;
        var db = scope.ServiceProvider.GetRequiredService<MailroomDbContext>();
        return (elapsed, await db.FetchRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstAsync());
    }

    private static async Task<Guid> AddAccountAsync(IServiceProvider services, string user, string password)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDbContext>();
        var owner = new MailroomUser { UserName = user, Email = user };
        db.Users.Add(owner);
        var account = new Pop3Account
        {
            OwnerId = owner.Id,
            DisplayName = "Bench",
            EmailAddress = user,
            Host = "127.0.0.1",
            Port = BenchEnvironment.ImplicitTlsPort,
            UseSsl = true,
            UserName = user,
            ProtectedPassword = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(Pop3PasswordProtector.Purpose).Protect(password),
            AfterRetrieval = RetrievalPolicy.KeepOnServer,
        };
        db.Pop3Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }
}
