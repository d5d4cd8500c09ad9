using Mailroom.Messages;
using Mailroom.Sending.Compose;
using Mailroom.Sending.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailroom.Sending;

public static class SendingServiceCollectionExtensions
{
    /// <summary>SMTP routes, compose, and the send queue with its worker. Needs AddMailroomNetwork, AddMailroomSystemMail, AddMailroomAccounts and Data Protection.</summary>
    public static IServiceCollection AddMailroomSending(this IServiceCollection services)
    {
        services.AddOptions<SendingOptions>().BindConfiguration(SendingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SmtpPasswordProtector>();
        services.AddSingleton<SmtpServerTester>();
        services.AddSingleton<SmtpGuidance>();
        services.AddSingleton<SmtpRouteTransport>();
        services.AddScoped<OutgoingMailService>();
        services.AddScoped<SendQueueStore>();
        services.AddScoped<QueuedMessageDelivery>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SendQueueWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<SendQueueWorker>());
        services.AddScoped<ComposeDrafts>();

        // Replies and forwards read the stored original; AddMailroomMessages registers the same lookup.
        services.TryAddScoped<MessageLookup>();
        return services;
    }
}
