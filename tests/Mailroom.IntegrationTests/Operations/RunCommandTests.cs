using System.Net;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Operations;

/// <summary>The README's run command, for real: the built app as its own process, configured by nothing but defaults and its public address.</summary>
public sealed class RunCommandTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly TemporaryFolder _workingDirectory = new("mailroom-run-");

    [Fact]
    public async Task App_StartedWithOnlyItsPublicAddress_ServesSignUpFromSqliteUnderDataAndStopsGracefullyOnSigterm()
    {
        await using var app = AppProcess.Start(_workingDirectory.Path);
        await app.WaitUntilHealthyAsync(StartTimeout);
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        using var signUp = await client.GetAsync(new Uri("/sign-up", UriKind.Relative));
        using var stylesheet = await client.GetAsync(new Uri("/css/site.css", UriKind.Relative));
        var html = await signUp.Content.ReadAsStringAsync();
        await app.StopAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, signUp.StatusCode);
        Assert.Contains("<form method=\"post\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.True(File.Exists(Path.Combine(_workingDirectory.Path, "data", "mailroom.db")), "data/mailroom.db was not created in the working directory");
        Assert.Equal(0, app.ExitCode);
        // Outside Development every log line is one JSON object, and shutdown is logged, not cut off.
        var events = app.Output.Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line)).ToList();
        Assert.NotEmpty(events);
        Assert.Contains(events, e => e.RootElement.GetProperty("Message").GetString() == "Application is shutting down...");
        Assert.All(app.Output, line => Assert.StartsWith("{", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task App_ConfiguredForPostgresThroughEnvironmentVariables_MigratesAndServesSignUp()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using var app = AppProcess.Start(_workingDirectory.Path, new Dictionary<string, string>
        {
            ["Mailroom__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Mailroom"] = database.ConnectionString,
        });
        await app.WaitUntilHealthyAsync(StartTimeout);
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        using var signUp = await client.GetAsync(new Uri("/sign-up", UriKind.Relative));
        await app.StopAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, signUp.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(_workingDirectory.Path, "data")), "a PostgreSQL node must not create a SQLite file");
        Assert.Equal(0, app.ExitCode);
    }

    [Fact]
    public async Task App_WithoutAPublicBaseUrl_StopsAtStartWithAnErrorNamingTheKey()
    {
        await using var app = AppProcess.Start(_workingDirectory.Path, new Dictionary<string, string> { ["Mailroom__Hosting__PublicBaseUrl"] = "" });

        using var timeout = new CancellationTokenSource(StartTimeout);
        await app.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, app.ExitCode);
        Assert.Contains(app.Output, line => line.Contains("Mailroom:Hosting:PublicBaseUrl must be set", StringComparison.Ordinal));
    }

    public void Dispose() => _workingDirectory.Dispose();
}
