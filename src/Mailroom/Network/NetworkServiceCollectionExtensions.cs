using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Network;

internal static class NetworkServiceCollectionExtensions
{
    public static IServiceCollection AddMailroomNetwork(this IServiceCollection services)
    {
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.SectionName);
        services.AddOptions<Pop3Options>().BindConfiguration(Pop3Options.SectionName);
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName);
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<EndpointGuard>();
        services.AddSingleton<CertificateTrust>();
        services.AddSingleton<MailConnector>();
        services.AddOptions<ServerTestLimits>().BindConfiguration(ServerTestLimits.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ServerTestThrottle>();
        return services;
    }
}
