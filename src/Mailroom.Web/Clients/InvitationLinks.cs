using Mailroom.Web.SenderAddresses;

namespace Mailroom.Web.Clients;

/// <summary>The link in an invitation email: on the same public address as verification links (see <see cref="VerificationLinkBase"/>).</summary>
internal static class InvitationLinks
{
    public const string JoinPath = "/workspace/join";

    public static Func<string, string> For(HttpRequest request)
    {
        var origin = VerificationLinkBase.ConfirmationPage(request);
        return token => new Uri(origin, $"{JoinPath}?token={Uri.EscapeDataString(token)}").ToString();
    }
}
