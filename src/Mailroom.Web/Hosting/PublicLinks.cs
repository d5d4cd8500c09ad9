using Microsoft.Extensions.Options;

namespace Mailroom.Web.Hosting;

/// <summary>Absolute links for mail, built only from <see cref="HostingOptions.PublicBaseUrl"/> (checked at start).</summary>
internal static class PublicLinks
{
    public static Uri To(IServiceProvider services, string path)
    {
        ArgumentNullException.ThrowIfNull(services);
        var origin = services.GetRequiredService<IOptions<HostingOptions>>().Value.PublicOrigin
            ?? throw new InvalidOperationException($"{HostingOptions.SectionName}:PublicBaseUrl is not set.");
        return new Uri(origin.AbsoluteUri.TrimEnd('/') + path);
    }
}
