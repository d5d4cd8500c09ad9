using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Users;

/// <summary>Guessable passwords are refused at sign-up with the reason in words; the meter's endpoint says the same.</summary>
public sealed class PasswordStrengthTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("password123", "common passwords")]
    [InlineData("Password12", "common passwords")]
    public async Task Register_WithAGuessablePassword_IsRefusedWithTheReason(string password, string reason)
    {
        using var client = app.CreateHttpClient();

        using var response = await client.PostAsJsonAsync("api/auth/register", new { email = TestUser.Create().Email, password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(messages, m => m!.StartsWith("This password is too easy to guess.", StringComparison.Ordinal) && m.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Register_WithTheEmailAsThePassword_IsRefused()
    {
        using var client = app.CreateHttpClient();
        var email = $"jonathan.whitaker{Guid.NewGuid().ToString("N")[..6]}@example.test";

        using var response = await client.PostAsJsonAsync("api/auth/register", new { email, password = email });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("too easy to guess", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMetersEndpoint_ScoresAndExplains_WithoutSigningIn()
    {
        using var client = app.CreateHttpClient();

        var weak = await (await client.PostAsJsonAsync("api/auth/password-strength", new { password = "password123" })).Content.ReadFromJsonAsync<JsonElement>();
        var strong = await (await client.PostAsJsonAsync("api/auth/password-strength", new { password = TestUser.Create().Password })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(weak.GetProperty("acceptable").GetBoolean());
        Assert.True(weak.GetProperty("score").GetInt32() < 3);
        Assert.Contains("common passwords", weak.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(strong.GetProperty("acceptable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, strong.GetProperty("reason").ValueKind);
    }
}
