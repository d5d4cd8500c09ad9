using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Messages;

internal static class MessagesServiceCollectionExtensions
{
    /// <summary>Reading mail: lists, unread counts, read state and single-message lookup, all scoped to the request's DbContext.</summary>
    public static IServiceCollection AddMailroomMessages(this IServiceCollection services)
    {
        services.AddScoped<MessageListQuery>();
        services.AddScoped<UnreadCounter>();
        services.AddScoped<ReadState>();
        services.AddScoped<MessageLookup>();
        return services;
    }
}
