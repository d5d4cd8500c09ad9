using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailroom.Search;

internal static class SearchIndexServiceCollectionExtensions
{
    /// <summary>The search index's background back-fill of mail stored before search existed. Needs the database registered.</summary>
    public static IServiceCollection AddMailroomSearchIndex(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Scoped because the database context factory is.
        services.AddScoped<SearchBackfiller>();
        services.AddScoped<SearchBackfillProgress>();
        services.AddHostedService<SearchBackfillService>();
        return services;
    }
}
