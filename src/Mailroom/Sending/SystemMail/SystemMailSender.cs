using Mailroom.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mailroom.Sending.SystemMail;

internal sealed partial class SystemMailSender(
    IOptionsMonitor<SystemMailOptions> options,
    MailConnector connector,
    TimeProvider time,
    ILogger<SystemMailSender> logger) : ISystemMailSender
{
    public bool WritesToOutbox => options.CurrentValue.UsesOutbox;

    public MailboxAddress Sender => new(options.CurrentValue.FromName, options.CurrentValue.FromAddress);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.CurrentValue;
        if (message.From.Count == 0)
        {
            message.From.Add(Sender);
        }

        if (settings.UsesOutbox)
        {
            var path = await WriteToOutboxAsync(message, settings.OutboxDirectory, cancellationToken);
            LogWrittenToOutbox(logger, message.MessageId, path);
            return;
        }

        var endpoint = new MailEndpoint(settings.Host!, settings.Port, settings.Security, EndpointOrigin.Administrator);
        await using var session = await connector.ConnectSmtpAsync(endpoint, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await session.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }

        await session.Client.SendAsync(message, cancellationToken);
        await session.CloseAsync(cancellationToken);
        LogRelayed(logger, message.MessageId);
    }

    private async Task<string> WriteToOutboxAsync(MimeMessage message, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var name = $"{time.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(directory, name);
        var partial = path + ".partial";

        // Written aside and renamed, so that a reader never sees half a message.
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path);
        return path;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "System mail {MessageId} written to the outbox at {Path}")]
    private static partial void LogWrittenToOutbox(ILogger logger, string? messageId, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "System mail {MessageId} handed to the relay")]
    private static partial void LogRelayed(ILogger logger, string? messageId);
}
