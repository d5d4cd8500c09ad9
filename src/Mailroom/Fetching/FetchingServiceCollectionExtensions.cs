using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Fetching;

internal static class FetchingServiceCollectionExtensions
{
    /// <summary>
    /// The fetch engine and its scheduler. Needs AddMailroomDatabase, AddMailroomDataProtection, AddMailroomNetwork,
    /// AddMailroomAccounts (the account password protector and health) and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddMailroomFetching(this IServiceCollection services)
    {
        services.AddOptions<FetchingOptions>().BindConfiguration(FetchingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Scoped because the database context factory is.
        services.AddScoped<FetchLeases>();
        services.AddScoped<FetchJournal>();
        services.AddScoped<FetchHeartbeat>();
        services.AddScoped<UidLedger>();
        services.AddScoped<FetchedBatchWriter>();
        services.AddScoped<Pop3MailboxSync>();
        services.AddScoped<AccountFetcher>();
        services.AddScoped<FetchRequests>();
        services.AddScoped<FetchStatusReader>();
        services.AddSingleton<FetchScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<FetchScheduler>());
        return services;
    }
}
