using Mailroom.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailroom.Fetching;

internal static class FetchingServiceCollectionExtensions
{
    /// <summary>The fetch engine and its scheduler. Needs the database, the network layer and Data Protection registered too.</summary>
    public static IServiceCollection AddMailroomFetching(this IServiceCollection services)
    {
        services.AddOptions<FetchingOptions>().BindConfiguration(FetchingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Scoped because the database context factory is.
        services.AddScoped<FetchLeases>();
        services.AddScoped<FetchJournal>();
        services.AddScoped<FetchHeartbeat>();
        services.AddScoped<UidLedger>();
        services.AddScoped<FetchedBatchWriter>();
        services.TryAddSingleton<Pop3PasswordProtector>();
        services.AddScoped<Pop3MailboxSync>();
        services.AddScoped<AccountFetcher>();
        services.AddScoped<FetchRequests>();
        services.AddScoped<FetchStatusReader>();
        services.TryAddScoped<IAccountHealth, LastFetchRecorder>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FetchScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<FetchScheduler>());
        return services;
    }
}
