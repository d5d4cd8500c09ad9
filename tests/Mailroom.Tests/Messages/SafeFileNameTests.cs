using Mailroom.Messages;

namespace Mailroom.Tests.Messages;

public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Windows\\evil.exe", "evil.exe")]
    [InlineData(".bashrc", "bashrc")]
    [InlineData("a\u0000b\r\n.txt", "a_b__.txt")]
    [InlineData("we\"ird<>|?*.doc", "we_ird_____.doc")]
    [InlineData("   ", "fallback.bin")]
    [InlineData("...", "fallback.bin")]
    [InlineData(null, "fallback.bin")]
    public void Clean_LeavesOnlyASafeLastSegment(string? given, string expected)
    {
        Assert.Equal(expected, SafeFileName.Clean(given, "fallback.bin"));
    }

    [Fact]
    public void Clean_CutsLongNames_KeepingTheExtension()
    {
        var cleaned = SafeFileName.Clean(new string('x', 400) + ".pdf", "f");

        Assert.Equal(SafeFileName.MaxLength, cleaned.Length);
        Assert.EndsWith(".pdf", cleaned, StringComparison.Ordinal);
    }
}
