using Mailroom.SenderAddresses;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.SenderAddresses;

/// <summary>
/// Where verification links point. The configured public address wins: a link built from the request trusts its Host
/// header, which only AllowedHosts (or a proxy) vouches for, and a forged host would send the token to someone else.
/// </summary>
internal static class VerificationLinkBase
{
    public const string ConfirmationPath = "/send-as/confirm";

    public static Uri ConfirmationPage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var configured = request.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<SenderAddressesOptions>>().CurrentValue.PublicBaseUrl;
        var origin = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured.TrimEnd('/');
        return new Uri(origin + ConfirmationPath);
    }
}
