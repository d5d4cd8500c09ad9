using Mailroom.Network;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Fetching;

/// <summary>Runs one claimed fetch for the scheduler. A seam so scheduler tests can hold fetches open and end them at will.</summary>
internal interface IFetchRunner
{
    /// <summary>Null on success; otherwise how the fetch failed or that it was stopped.</summary>
    Task<MailFailure?> RunAsync(FetchLease lease, CancellationToken stoppingToken);
}

/// <summary>Each fetch in its own scope: its own database contexts, nothing shared with the other fetches running beside it.</summary>
internal sealed class ScopedFetchRunner(IServiceScopeFactory scopes) : IFetchRunner
{
    public async Task<MailFailure?> RunAsync(FetchLease lease, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountFetcher>().FetchAsync(lease, stoppingToken);
    }
}
