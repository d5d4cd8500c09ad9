using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Pop3;
using MailKit.Security;

namespace Mailroom.Bench;

/// <summary>The practical ceiling: one TLS session, UIDL, pipelined RETR in batches, bytes appended to one file, nothing else.</summary>
internal static class RawDownload
{
    /// <summary>The child process the benchmark measures: one download, then the byte count on stdout.</summary>
    public static async Task<int> RunChildAsync(string user, string password, string file)
    {
        Console.WriteLine($"RAW {await RunAsync(user, password, file)}");
        return 0;
    }

    public static async Task<long> RunAsync(string user, string password, string file)
    {
        using var ca = X509CertificateLoader.LoadCertificateFromFile(BenchEnvironment.CaCertificate);
        using var client = new Pop3Client();
        client.ServerCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is not null && chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
        await client.ConnectAsync("127.0.0.1", BenchEnvironment.ImplicitTlsPort, SecureSocketOptions.SslOnConnect);
        await client.AuthenticateAsync(new SaslMechanismPlain(user, password));
        var uids = await client.GetMessageUidsAsync();
        await using var output = File.Create(file);
        long bytes = 0;
        for (var start = 0; start < uids.Count; start += 100)
        {
            var streams = await client.GetStreamsAsync([.. Enumerable.Range(start, Math.Min(100, uids.Count - start))], headersOnly: false);
            foreach (var stream in streams)
            {
                bytes += stream.Length;
                await stream.CopyToAsync(output);
                await stream.DisposeAsync();
            }
        }

        await client.DisconnectAsync(quit: true);
        return bytes;
    }
}
