using Mailroom.IntegrationTests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mailroom.IntegrationTests.Operations;

public sealed class ShutdownTests
{
    [Theory]
    [InlineData(null, 30)]
    [InlineData("00:00:05", 5)]
    public async Task ShutdownTimeout_Defaults30Seconds_AndFollowsMailroomHostingSetting(string? setting, int expectedSeconds)
    {
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite);
        if (setting is not null)
        {
            app.WithSetting("Mailroom:Hosting:ShutdownTimeout", setting);
        }

        await app.StartAsync();

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
