using Mailroom.Messages;

namespace Mailroom.Tests.Messages;

public sealed class MessageCursorTests
{
    [Fact]
    public void Encode_RoundTripsThroughTryParse()
    {
        var cursor = new MessageCursor(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234), 98765);

        Assert.True(MessageCursor.TryParse(cursor.Encode(), out var parsed));
        Assert.Equal(cursor, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("zz-1")]
    [InlineData("1-zz")]
    [InlineData("ffffffffffffffff-1")]
    public void TryParse_RejectsGarbage(string? value)
    {
        Assert.False(MessageCursor.TryParse(value, out _));
    }
}
