using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mailroom.IntegrationTests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.IntegrationTests.Security;

/// <summary>With a key-encryption certificate configured, a copy of the database alone cannot decrypt cookies or passwords.</summary>
public sealed class KeyRingEncryptionTests : IDisposable
{
    private const string CertificatePassword = "pfx-secret";
    private readonly TemporaryFolder _directory = new("mailroom-keyring-");

    [Fact]
    public async Task KeyRing_WithACertificate_IsStoredEncrypted_AndOnlyNodesWithTheCertificateReadIt()
    {
        var certificate = CreateCertificate();
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var first = WithCertificate(new MailroomAppFactory(database), certificate);
        await using var second = WithCertificate(new MailroomAppFactory(database), certificate);
        await using var withoutCertificate = new MailroomAppFactory(database);
        await first.StartAsync();
        await second.StartAsync();

        var cookie = await SessionCookies.SignUpAsync(first, TestUser.Create());

        var keys = await first.WithDbContextAsync(db => db.DataProtectionKeys.Select(k => k.Xml ?? "").ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        using var onSecond = await SessionCookies.GetHomeAsync(second, cookie);
        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);

        // Started only now: a node that cannot read the ring writes a plain key of its own, which would muddy the check above.
        await withoutCertificate.StartAsync();
        using var onNodeWithoutCertificate = await SessionCookies.GetHomeAsync(withoutCertificate, cookie);
        Assert.Equal(HttpStatusCode.Redirect, onNodeWithoutCertificate.StatusCode);
    }

    [Fact]
    public async Task KeyRing_WithoutACertificate_IsStoredAsPlainXml()
    {
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite);
        await app.StartAsync();
        await SessionCookies.SignUpAsync(app, TestUser.Create());

        var keys = await app.WithDbContextAsync(db => db.DataProtectionKeys.Select(k => k.Xml ?? "").ToListAsync());

        Assert.Contains(keys, xml => xml.Contains("<masterKey", StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Dispose();

    private static MailroomAppFactory WithCertificate(MailroomAppFactory app, string path) => app
        .WithSetting("Mailroom:DataProtection:CertificatePath", path)
        .WithSetting("Mailroom:DataProtection:CertificatePassword", CertificatePassword);

    private string CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Mailroom key ring (test)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(30));
        var path = Path.Combine(_directory.Path, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
    }
}
