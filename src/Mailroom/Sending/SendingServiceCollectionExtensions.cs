using Mailroom.Sending.Compose;
using Mailroom.Sending.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Sending;

internal static class SendingServiceCollectionExtensions
{
    /// <summary>SMTP routes, compose, and the send queue with its worker. Needs AddMailroomNetwork, AddMailroomSystemMail, AddMailroomAccounts, AddMailroomMessages (replies read the stored original) and Data Protection.</summary>
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
        services.AddSingleton<SendQueueWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<SendQueueWorker>());
        services.AddScoped<ComposeDrafts>();
        return services;
    }
}
