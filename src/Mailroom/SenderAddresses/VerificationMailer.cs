using System.Globalization;
using Mailroom.Sending.SystemMail;
using MimeKit;

namespace Mailroom.SenderAddresses;

/// <summary>Writes and sends the verification emails, always through Mailroom's own mail (relay or outbox), never through the route being proven.</summary>
internal sealed class VerificationMailer(ISystemMailSender systemMail, TimeProvider time)
{
    public bool WritesToOutbox => systemMail.WritesToOutbox;

    public Task SendAddressCodeAsync(SenderAddress address, string code, Uri link, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var body = $"""
            Someone using Mailroom asked to send mail as {address.Address}.

            If that was you, confirm it by opening this link:

            {link}

            or by entering this code in Settings » Mail » Send Mail As:

            {code}

            The link and the code are valid for {Describe(lifetime)}.

            If you did not ask for this, ignore this email: nothing will be sent as {address.Address} unless this is confirmed.
            """;
        return SendAsync(address.Address, $"Confirm that Mailroom may send as {address.Address}", body, cancellationToken);
    }

    public Task SendReplyToCodeAsync(SenderAddress address, string code, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var body = $"""
            Someone using Mailroom asked for replies to mail from {address.Address} to come to this address ({address.ReplyTo}).

            If that was you, enter this confirmation code in Settings » Mail » Send Mail As (Verify, next to the Reply-To):

            {code}

            The code is valid for {Describe(lifetime)}.

            If you did not ask for this, ignore this email: this address will not be used as a Reply-To unless the code is entered.
            """;
        return SendAsync(address.ReplyTo!, $"Confirmation code for Reply-To {address.ReplyTo}", body, cancellationToken);
    }

    private Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(systemMail.Sender);
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = time.GetUtcNow();
        message.Body = new TextPart("plain") { Text = body };
        return systemMail.SendAsync(message, cancellationToken);
    }

    private static string Describe(TimeSpan lifetime) =>
        lifetime.TotalHours >= 1 && lifetime.TotalHours == Math.Floor(lifetime.TotalHours)
            ? string.Create(CultureInfo.InvariantCulture, $"{lifetime.TotalHours:0} hours")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(lifetime.TotalMinutes):0} minutes");
}
