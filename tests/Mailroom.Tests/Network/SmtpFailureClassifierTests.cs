using MailKit.Net.Smtp;
using MailKit.Security;
using Mailroom.Network;
using MimeKit;

namespace Mailroom.Tests.Network;

public sealed class SmtpFailureClassifierTests
{
    private static readonly MailboxAddress Carol = new("", "carol@example.test");

    [Theory]
    [InlineData(SmtpStatusCode.TransactionFailed, "5.7.1 <carol@elsewhere.test>: Relay access denied")]
    [InlineData(SmtpStatusCode.TransactionFailed, "5.7.1 Client host rejected: Access denied")]
    [InlineData(SmtpStatusCode.MailboxUnavailable, "Relaying not permitted")]
    public void Classify_RecipientRefusedForRelaying_IsRelayDenied(SmtpStatusCode status, string text)
    {
        var failure = Classify(SmtpErrorCode.RecipientNotAccepted, status, text, Carol);

        Assert.Equal(MailFailureKind.Rejected, failure.Kind);
        Assert.Equal(MailFailureReason.RelayDenied, failure.Reason);
        Assert.Contains("carol@example.test", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_UnknownRecipient_IsRecipientRefused_NamingTheRecipient()
    {
        var failure = Classify(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable,
            "5.1.1 <carol@example.test>: Recipient address rejected: User unknown in virtual mailbox table", Carol);

        Assert.Equal(MailFailureReason.RecipientRefused, failure.Reason);
        Assert.Equal("The mail server refused the recipient carol@example.test.", failure.Message);
        Assert.False(failure.IsTemporary);
    }

    [Theory]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ExceededStorageAllocation, "5.3.4 Message size exceeds fixed limit")]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, "5.3.4 Message too big for system")]
    [InlineData(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.ExceededStorageAllocation, "Message size exceeds the fixed maximum message size.")]
    [InlineData(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.ExceededStorageAllocation, "5.3.4 Message size exceeds fixed limit")]
    public void Classify_OversizedMessage_IsMessageTooLarge(SmtpErrorCode code, SmtpStatusCode status, string text)
    {
        var failure = Classify(code, status, text);

        Assert.Equal(MailFailureKind.Rejected, failure.Kind);
        Assert.Equal(MailFailureReason.MessageTooLarge, failure.Reason);
    }

    [Fact]
    public void Classify_SenderNotOwnedByTheLogin_IsSenderRefused()
    {
        var failure = Classify(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxNameNotAllowed,
            "5.7.1 <carol@example.test>: Sender address rejected: not owned by user alice@example.test", Carol);

        Assert.Equal(MailFailureReason.SenderRefused, failure.Reason);
        Assert.Contains("carol@example.test", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_SendingWithoutSigningIn_IsAuthenticationRequired()
    {
        var failure = Classify(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.AuthenticationRequired, "5.7.0 Authentication required");

        Assert.Equal(MailFailureKind.Authentication, failure.Kind);
        Assert.Equal(MailFailureReason.AuthenticationRequired, failure.Reason);
    }

    [Fact]
    public void Classify_ContentRefused_ShowsTheServersWordsWithoutTheStatusCode()
    {
        var failure = Classify(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, "5.7.1 Message rejected as spam");

        Assert.Equal(MailFailureReason.MessageRefused, failure.Reason);
        Assert.Equal("The mail server refused the message: Message rejected as spam", failure.Message);
    }

    [Theory]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, "4.2.1 Mailbox busy")]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.InsufficientStorage, "4.3.1 Insufficient system storage")]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ServiceNotAvailable, "4.3.2 Shutting down")]
    public void Classify_TransientReplies_AreTemporary(SmtpErrorCode code, SmtpStatusCode status, string text)
    {
        var failure = Classify(code, status, text, Carol);

        Assert.Equal(MailFailureKind.TemporaryServerError, failure.Kind);
        Assert.True(failure.IsTemporary);
    }

    [Fact]
    public void Classify_SmtpWrongPassword_IsACredentialRejection()
    {
        var failure = MailFailureClassifier.Classify(new AuthenticationException("535: 5.7.8 Error: authentication failed: authentication failure"));

        Assert.Equal(MailFailureKind.Authentication, failure.Kind);
        Assert.True(failure.IsCredentialRejection);
    }

    [Theory]
    [InlineData("5.7.1 <x@y>: Relay access denied", "5.7.1")]
    [InlineData("  4.2.2 Mailbox full", "4.2.2")]
    [InlineData("Relay access denied", null)]
    [InlineData("5.7 partial", null)]
    public void EnhancedStatus_IsReadFromTheStartOfTheReply(string text, string? expected) =>
        Assert.Equal(expected, MailFailureClassifier.EnhancedStatus(text));

    private static MailFailure Classify(SmtpErrorCode code, SmtpStatusCode status, string text, MailboxAddress? mailbox = null) =>
        MailFailureClassifier.Classify(mailbox is null
            ? new SmtpCommandException(code, status, text)
            : new SmtpCommandException(code, status, mailbox, text));
}
