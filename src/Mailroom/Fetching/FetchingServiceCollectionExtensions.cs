using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Fetching;

internal static class FetchingServiceCollectionExtensions
{
    /// <summary>The fetch engine and its scheduler. Needs the database, the network layer, the accounts feature (account health) and Data Protection registered too.</summary>
    public static IServiceCollection AddMailroomFetching(this IServiceCollection services)
    {
        services.AddOptions<FetchingOptions>().BindConfiguration(FetchingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Scoped because the database context factory is.
        services.AddScoped<FetchStateStore>();
        services.AddScoped<FetchJournal>();
        services.AddScoped<FetchHeartbeat>();
        services.AddScoped<UidLedger>();
        services.AddScoped<FetchedBatchWriter>();
        services.AddScoped<Pop3MailboxSync>();
        services.AddScoped<AccountFetcher>();
        services.AddScoped<FetchRequests>();
        services.AddScoped<FetchStatusReader>();
        services.AddSingleton<FetchWakeup>();
        services.AddSingleton<HostGate>();
        services.AddSingleton<FetchMemoryBudget>();
        services.AddSingleton<IFetchRunner, ScopedFetchRunner>();
        services.AddSingleton<FetchMetrics>();
        services.AddScoped<FetchOverviewReader>();
        services.AddHostedService<FetchOverviewPublisher>();
        services.AddSingleton<FetchScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<FetchScheduler>());
        return services;
    }
}
