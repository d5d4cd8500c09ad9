using Mailroom.Sending.Compose;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Sending;

internal static class SendingServiceCollectionExtensions
{
    /// <summary>SMTP routes, compose and send. Needs AddMailroomNetwork, AddMailroomSystemMail, AddMailroomAccounts, AddMailroomMessages (replies read the stored original) and Data Protection.</summary>
    public static IServiceCollection AddMailroomSending(this IServiceCollection services)
    {
        services.AddOptions<SendingOptions>().BindConfiguration(SendingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SmtpPasswordProtector>();
        services.AddSingleton<SmtpServerTester>();
        services.AddSingleton<SmtpGuidance>();
        services.AddSingleton<SmtpRouteTransport>();
        services.AddScoped<OutgoingMailService>();
        services.AddScoped<ComposeDrafts>();
        return services;
    }
}
