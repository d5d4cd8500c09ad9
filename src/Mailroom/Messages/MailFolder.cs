namespace Mailroom.Messages;

internal enum MailFolder
{
    Inbox = 0,
    Sent = 1,
}
