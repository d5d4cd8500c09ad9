using Mailroom.SenderAddresses;

namespace Mailroom.Tests.SenderAddresses;

public sealed class CodeHasherTests
{
    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(10)]
    public void NewCode_HasExactlyTheConfiguredDigits(int digits)
    {
        var codes = Enumerable.Range(0, 50).Select(_ => CodeHasher.NewCode(digits)).ToList();

        Assert.All(codes, code => Assert.Matches($"^[0-9]{{{digits}}}$", code));
        Assert.True(codes.Distinct().Count() > 45, "codes are random");
    }

    [Fact]
    public void Hash_IsSalted_AndOnlyTheSameCodeMatches()
    {
        var (salt1, hash1) = CodeHasher.Hash("123456");
        var (salt2, hash2) = CodeHasher.Hash("123456");

        Assert.NotEqual(hash1, hash2);
        Assert.True(CodeHasher.Matches("123456", salt1, hash1));
        Assert.True(CodeHasher.Matches("123456", salt2, hash2));
        Assert.False(CodeHasher.Matches("123457", salt1, hash1));
        Assert.False(CodeHasher.Matches("123456", salt2, hash1));
    }
}
