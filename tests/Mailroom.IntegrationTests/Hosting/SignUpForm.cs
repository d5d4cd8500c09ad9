using System.Net;
using System.Text.RegularExpressions;

namespace Mailroom.IntegrationTests.Hosting;

/// <summary>The sign-up form fetched over plain HTTP (no browser), with its antiforgery token, for tests that need a cookie session.</summary>
public sealed partial class SignUpForm(string antiforgeryToken)
{
    public string AntiforgeryToken { get; } = antiforgeryToken;

    /// <summary>GETs /sign-up with <paramref name="client"/> (which must keep cookies: the token is bound to the antiforgery cookie).</summary>
    public static async Task<SignUpForm> GetAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new SignUpForm(await AntiforgeryTokenAsync(client, "sign-up"));
    }

    /// <summary>The antiforgery token of the first form on the page at <paramref name="path"/>, for posting as <paramref name="client"/>'s user.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        return AntiforgeryTokenIn(await client.GetStringAsync(new Uri(path, UriKind.Relative)));
    }

    public static string AntiforgeryTokenIn(string html) => WebUtility.HtmlDecode(TokenInput().Match(html).Groups[1].Value);

    public FormUrlEncodedContent With(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email,
            ["Input.Password"] = user.Password,
            ["__RequestVerificationToken"] = AntiforgeryToken,
        });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
