using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Api;

public abstract class MeApiTests(MailroomAppFactory app)
{
    [Fact]
    public async Task Me_WithTheBearerTokenFromLogin_AnswersTheUsersIdAndEmail()
    {
        var user = TestUser.Create();
        using var client = await ApiSession.CreateSignedInClientAsync(app, user);

        using var response = await client.GetAsync(new Uri("api/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<Me>();
        Assert.Equal(user.Email, me?.Email);
        var storedId = await app.WithDbContextAsync(db => Task.FromResult(db.Users.Single(u => u.Email == user.Email).Id));
        Assert.Equal(storedId, me?.Id);
    }

    [Fact]
    public async Task Me_ForTwoUsers_AnswersEachTheirOwnIdentity()
    {
        var alice = TestUser.Create("alice");
        var bob = TestUser.Create("bob");
        using var aliceClient = await ApiSession.CreateSignedInClientAsync(app, alice);
        using var bobClient = await ApiSession.CreateSignedInClientAsync(app, bob);

        var aliceMe = await aliceClient.GetFromJsonAsync<Me>(new Uri("api/me", UriKind.Relative));
        var bobMe = await bobClient.GetFromJsonAsync<Me>(new Uri("api/me", UriKind.Relative));

        Assert.Equal(alice.Email, aliceMe?.Email);
        Assert.Equal(bob.Email, bobMe?.Email);
        Assert.NotEqual(aliceMe?.Id, bobMe?.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    public async Task Me_WithoutAValidToken_Answers401ProblemJson_NotARedirect(string? authorization)
    {
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/me", UriKind.Relative));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Refresh_WithTheRefreshToken_IssuesANewAccessTokenThatWorks()
    {
        var user = TestUser.Create();
        await ApiSession.RegisterAsync(app, user);
        using var anonymous = app.CreateHttpClient();
        using var login = await anonymous.PostAsJsonAsync("api/auth/login", new { email = user.Email, password = user.Password });
        var tokens = await login.Content.ReadFromJsonAsync<Tokens>();

        using var refresh = await anonymous.PostAsJsonAsync("api/auth/refresh", new { refreshToken = tokens!.RefreshToken });
        var refreshed = await refresh.Content.ReadFromJsonAsync<Tokens>();
        using var bogus = await anonymous.PostAsJsonAsync("api/auth/refresh", new { refreshToken = "not-a-refresh-token" });

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        using var client = app.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed!.AccessToken);
        Assert.Equal(user.Email, (await client.GetFromJsonAsync<Me>(new Uri("api/me", UriKind.Relative)))?.Email);
        Assert.Equal(HttpStatusCode.Unauthorized, bogus.StatusCode);
    }

    [Fact]
    public async Task Register_WithAWeakPasswordOrATakenEmail_AnswersValidationProblemsPerField()
    {
        var user = TestUser.Create();
        await ApiSession.RegisterAsync(app, user);
        using var client = app.CreateHttpClient();

        using var weak = await client.PostAsJsonAsync("api/auth/register", new { email = TestUser.Create().Email, password = "aaaaaaaaaaaa" });
        using var taken = await client.PostAsJsonAsync("api/auth/register", new { email = user.Email, password = TestUser.Create().Password });

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("Mix letters with digits, spaces or symbols.", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        using var problem = JsonDocument.Parse(await taken.Content.ReadAsStringAsync());
        Assert.Equal(
            "An account with this email already exists. Sign in instead.",
            problem.RootElement.GetProperty("errors").GetProperty("email")[0].GetString());
    }

    [Fact]
    public async Task ApiSignUpAndSignIn_NeverLogThePassword()
    {
        var user = TestUser.Create();
        using var client = await ApiSession.CreateSignedInClientAsync(app, user);
        using var anonymous = app.CreateHttpClient();
        using var wrong = await anonymous.PostAsJsonAsync("api/auth/login", new { email = user.Email, password = user.Password + "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains(app.Logs.Lines, line => line.Contains("signed up", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(user.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(user.Email, StringComparison.Ordinal));
    }

    private sealed record Me(string Id, string Email);

    private sealed record Tokens(string AccessToken, string RefreshToken);
}

public sealed class MeApiTestsOnSqlite(SqliteApp app) : MeApiTests(app), IClassFixture<SqliteApp>;

public sealed class MeApiTestsOnPostgres(PostgresApp app) : MeApiTests(app), IClassFixture<PostgresApp>;
