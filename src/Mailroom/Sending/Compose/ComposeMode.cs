namespace Mailroom.Sending.Compose;

public enum ComposeMode
{
    New = 0,
    Reply = 1,
    ReplyAll = 2,
    Forward = 3,
}
