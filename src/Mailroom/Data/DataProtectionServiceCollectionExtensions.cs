using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Data;

internal static class DataProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the Data Protection key ring in the database under one application name, so that every node
    /// reads the others' cookies, bearer tokens, antiforgery tokens and encrypted account passwords; with
    /// <c>Mailroom:DataProtection:CertificatePath</c> set, the keys themselves are encrypted with that certificate.
    /// </summary>
    public static IServiceCollection AddMailroomDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddDataProtection()
            .SetApplicationName("Mailroom")
            .PersistKeysToDbContext<MailroomDbContext>();

        var options = configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var current = Load(options.CertificatePath, options.CertificatePassword);
            var previous = options.PreviousCertificatePaths.Select(path => Load(path, options.CertificatePassword));

            // On Linux there is no certificate store to find the decrypting key in, so every certificate that may
            // have encrypted a key is handed over explicitly.
            builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
        }

        return services;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Mailroom:DataProtection names the certificate '{path}', which does not exist.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The certificate '{path}' has no private key, so it cannot decrypt the key ring.");
    }
}
