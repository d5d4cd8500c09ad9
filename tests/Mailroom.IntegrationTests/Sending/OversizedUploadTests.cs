using System.Net;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Sending;

/// <summary>A 30 MB upload (over Kestrel's default body limit) is refused by Mailroom with the limit in words, and the draft comes back.</summary>
public sealed class OversizedUploadTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task ComposeWithA30MegabyteAttachment_WithoutScript_SaysTheLimitAndKeepsTheDraft()
    {
        using var client = app.CreateHttpClient();
        var signUp = await SignUpForm.GetAsync(client);
        (await client.PostAsync(new Uri("sign-up", UriKind.Relative), signUp.With(TestUser.Create()))).Dispose();
        var token = await SignUpForm.AntiforgeryTokenAsync(client, "compose");

        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(Guid.NewGuid().ToString()), "Input.FromAddressId" },
            { new StringContent("carol@example.test"), "Input.To" },
            { new StringContent("The big report"), "Input.Subject" },
            { new StringContent("Please find it attached."), "Input.Body" },
            { new ByteArrayContent(new byte[30 * 1024 * 1024]), "attachments", "report.bin" },
        };
        using var response = await client.PostAsync(new Uri("compose?handler=Send", UriKind.Relative), form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Attachments can be at most 10 MB in total.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"The big report\"", html, StringComparison.Ordinal);
        Assert.Contains("Please find it attached.", html, StringComparison.Ordinal);
    }
}
