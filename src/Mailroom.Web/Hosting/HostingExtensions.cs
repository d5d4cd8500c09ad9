using Mailroom.Data;

namespace Mailroom.Web.Hosting;

internal static class HostingExtensions
{
    public static IServiceCollection AddMailroomHosting(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<MailroomDbContext>("database");
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary><c>/healthz</c> answers 200 only while the database is reachable.</summary>
    public static IEndpointRouteBuilder MapMailroomHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz");
        return endpoints;
    }
}
