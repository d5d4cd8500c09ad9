using Mailroom.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailroom.Clients;

internal static class ClientsServiceCollectionExtensions
{
    /// <summary>Workspaces, their clients, filing and the background re-filing.</summary>
    public static IServiceCollection AddMailroomClients(this IServiceCollection services)
    {
        services.AddOptions<ClientsOptions>().BindConfiguration(ClientsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<WorkspaceDirectory>();
        services.AddScoped<WorkspaceInvitations>();
        services.AddScoped<AccountSharing>();
        services.AddScoped<ClientDirectory>();
        services.AddScoped<RefilingRequests>();
        services.AddScoped<ClientTimeline>();
        services.AddScoped<ClientRefiler>();
        services.AddSingleton<RefilingWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<RefilingWorker>());
        return services;
    }
}
