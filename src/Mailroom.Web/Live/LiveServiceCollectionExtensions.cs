namespace Mailroom.Web.Live;

internal static class LiveServiceCollectionExtensions
{
    /// <summary>Live updates: the node's event hub, the one poller that feeds it, and the page's starting point.</summary>
    public static IServiceCollection AddMailroomLive(this IServiceCollection services)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LiveEventHub>();
        services.AddHostedService<LiveEventPoller>();
        services.AddScoped<LiveCursor>();
        return services;
    }
}
