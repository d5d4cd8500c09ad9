using Mailroom.Accounts.Providers;

namespace Mailroom.Tests.Accounts;

public sealed class KnownProviderDirectoryTests
{
    private static readonly KnownProviderDirectory Directory = KnownProviderDirectory.LoadBundled();

    [Theory]
    [InlineData("someone@gmail.com", "pop.gmail.com")]
    [InlineData("Someone@GoogleMail.com", "pop.gmail.com")]
    [InlineData("a@hotmail.com", "outlook.office365.com")]
    [InlineData("a@outlook.com", "outlook.office365.com")]
    [InlineData("a@live.com", "outlook.office365.com")]
    [InlineData("a@yahoo.com", "pop.mail.yahoo.com")]
    [InlineData("a@aol.com", "pop.aol.com")]
    [InlineData("a@gmx.de", "pop.gmx.net")]
    [InlineData("a@web.de", "pop3.web.de")]
    [InlineData("a@zoho.com", "pop.zoho.com")]
    [InlineData("a@fastmail.com", "pop.fastmail.com")]
    [InlineData("a@yandex.ru", "pop.yandex.com")]
    [InlineData("a@mail.ru", "pop.mail.ru")]
    public void Find_ByTheAddressDomain_GivesTheProvidersPop3Server(string address, string host)
    {
        var provider = Directory.FindByAddress(address);

        Assert.NotNull(provider);
        Assert.Equal(host, provider.Host);
        Assert.Equal(995, provider.Port);
        Assert.True(provider.UseSsl);
    }

    [Fact]
    public void Find_Gmail_CarriesTheAppPasswordNote()
    {
        Assert.Contains("app password", Directory.FindByAddress("me@gmail.com")!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_ICloud_SaysItOffersNoPop3()
    {
        var icloud = Directory.FindByAddress("me@icloud.com")!;

        Assert.False(icloud.OffersPop3);
        Assert.Contains("does not offer POP3", icloud.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("me@example.com")]
    [InlineData("not an address")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("me@gmail.com.evil.test")]
    public void Find_ForUnknownOrMalformedAddresses_GivesNothing(string? address)
    {
        Assert.Null(Directory.FindByAddress(address));
    }

    [Fact]
    public void BundledTable_HasEachDomainOnceAndOnlyStandardPop3Ports()
    {
        var domains = Directory.All.SelectMany(p => p.Domains).ToList();

        Assert.Equal(domains.Count, domains.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(Directory.All.Where(p => p.OffersPop3), p => Assert.Contains(p.Port!.Value, new[] { 110, 995 }));
        Assert.True(Directory.All.Count >= 15);
    }
}
