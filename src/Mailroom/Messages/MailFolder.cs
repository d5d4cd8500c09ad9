namespace Mailroom.Messages;

public enum MailFolder
{
    Inbox = 0,
    Sent = 1,
}
