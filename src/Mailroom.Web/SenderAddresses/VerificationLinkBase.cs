using Mailroom.Web.Hosting;

namespace Mailroom.Web.SenderAddresses;

/// <summary>
/// Where verification links point: always the configured public address. A link built from the request would trust
/// its Host header, and a forged host would send the token to someone else.
/// </summary>
internal static class VerificationLinkBase
{
    public const string ConfirmationPath = "/send-as/confirm";

    public static Uri ConfirmationPage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PublicLinks.To(request.HttpContext.RequestServices, ConfirmationPath);
    }
}
