namespace Mailroom.Bench;

/// <summary>mpop (Debian's package) over implicit TLS, verifying the test CA, keeping messages, delivering to a maildir (one fsync'd file each).</summary>
internal static class Mpop
{
    public static async Task<Measured> RunAsync(string user, string password, string scratch)
    {
        var maildir = Path.Combine(scratch, "mpop-maildir");
        if (Directory.Exists(maildir))
        {
            Directory.Delete(maildir, recursive: true);
        }

        foreach (var sub in new[] { "cur", "new", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(maildir, sub));
        }

        var uidls = Path.Combine(scratch, "mpop-uidls");
        File.Delete(uidls);
        var rc = Path.Combine(scratch, "mpoprc");
        await File.WriteAllTextAsync(rc, $"""
            account default
            host 127.0.0.1
            port {BenchEnvironment.ImplicitTlsPort}
            tls on
            tls_starttls off
            tls_trust_file {BenchEnvironment.CaCertificate}
            auth plain
            user {user}
            password {password}
            keep on
            only_new off
            uidls_file {uidls}
            delivery maildir {maildir}

            """);
        // mpop refuses a configuration file that others can read (it holds the password).
        File.SetUnixFileMode(rc, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return await Measured.RunAsync("mpop", ["--file", rc, "--quiet", "--all-accounts"]);
    }
}
