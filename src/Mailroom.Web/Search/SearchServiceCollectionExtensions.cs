namespace Mailroom.Web.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>Search: reading the query parameters of the list and the API.</summary>
    public static IServiceCollection AddMailroomSearch(this IServiceCollection services)
    {
        services.AddSingleton<SearchParameters>();
        return services;
    }
}
