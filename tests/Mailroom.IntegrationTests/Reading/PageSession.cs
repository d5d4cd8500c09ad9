using System.Net;
using System.Text.RegularExpressions;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Reading;

/// <summary>An HttpClient signed in through the real sign-up form (cookie + antiforgery), for page-level checks without a browser.</summary>
public static partial class PageSession
{
    public static Task<HttpClient> SignUpAsync(MailroomAppFactory app, TestUser user) => SubmitAsync(app, user, "sign-up");

    /// <summary>Signs an existing user in through the real sign-in form.</summary>
    public static Task<HttpClient> SignInAsync(MailroomAppFactory app, TestUser user) => SubmitAsync(app, user, "sign-in");

    private static async Task<HttpClient> SubmitAsync(MailroomAppFactory app, TestUser user, string page)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        var client = app.CreateHttpClient();
        var form = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email,
            ["Input.Password"] = user.Password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        });
        using var response = await client.PostAsync(new Uri(page, UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{page} answered {(int)response.StatusCode}, not a redirect to the shell.");
        }

        return client;
    }

    /// <summary>The hidden antiforgery field of the first form in <paramref name="html"/>.</summary>
    public static string AntiforgeryToken(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var match = TokenField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery field.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
