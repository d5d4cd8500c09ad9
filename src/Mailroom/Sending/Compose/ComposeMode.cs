namespace Mailroom.Sending.Compose;

internal enum ComposeMode
{
    New = 0,
    Reply = 1,
    ReplyAll = 2,
    Forward = 3,
}
