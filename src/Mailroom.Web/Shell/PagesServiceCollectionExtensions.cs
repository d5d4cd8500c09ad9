namespace Mailroom.Web.Shell;

internal static class PagesServiceCollectionExtensions
{
    /// <summary>Razor Pages (antiforgery on every POST is Razor Pages' default) with lower-case URLs.</summary>
    public static IServiceCollection AddMailroomPages(this IServiceCollection services)
    {
        services.AddRazorPages()
            .ConfigureApplicationPartManager(parts => parts.FeatureProviders.Add(new InternalViewComponents()));
        services.Configure<RouteOptions>(routes => routes.LowercaseUrls = true);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "Mailroom.Antiforgery";
            antiforgery.HeaderName = "RequestVerificationToken";
        });
        return services;
    }
}
