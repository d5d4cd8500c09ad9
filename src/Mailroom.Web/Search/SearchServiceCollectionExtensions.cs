using Mailroom.Search;

namespace Mailroom.Web.Search;

internal static class SearchServiceCollectionExtensions
{
    /// <summary>Search: the index's back-fill, and reading the query parameters of the list and the API.</summary>
    public static IServiceCollection AddMailroomSearch(this IServiceCollection services)
    {
        services.AddMailroomSearchIndex();
        services.AddSingleton<SearchParameters>();
        return services;
    }
}
