namespace Mailroom.IntegrationTests.Hosting;

/// <summary>Browser tests share one Chromium and run one after another: <c>[Collection(BrowserTests.Collection)]</c>.</summary>
[CollectionDefinition(Collection)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Collection = "Browser";
}
