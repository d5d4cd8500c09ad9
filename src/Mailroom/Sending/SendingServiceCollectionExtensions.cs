using Mailroom.Messages;
using Mailroom.Sending.Compose;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailroom.Sending;

internal static class SendingServiceCollectionExtensions
{
    /// <summary>SMTP routes, compose and send. Needs AddMailroomNetwork, AddMailroomSystemMail, AddMailroomAccounts and Data Protection.</summary>
    public static IServiceCollection AddMailroomSending(this IServiceCollection services)
    {
        services.AddOptions<SendingOptions>().BindConfiguration(SendingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SmtpPasswordProtector>();
        services.AddSingleton<SmtpServerTester>();
        services.AddSingleton<SmtpGuidance>();
        services.AddSingleton<SmtpRouteTransport>();
        services.AddScoped<OutgoingMailService>();
        services.AddScoped<ComposeDrafts>();

        // Replies and forwards read the stored original; AddMailroomMessages registers the same lookup.
        services.TryAddScoped<MessageLookup>();
        return services;
    }
}
