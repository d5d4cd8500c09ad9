using System.Runtime.Versioning;

// The benchmark drives Debian's fetchmail and GNU time: it runs on Linux only.
[assembly: SupportedOSPlatform("linux")]

namespace Mailroom.Bench;

/// <summary>fetchmail (Debian's package) over implicit TLS, verifying the test CA, keeping messages, appending each to one BSMTP file (its cheapest delivery).</summary>
internal static class Fetchmail
{
    public static async Task<Measured> RunAsync(string user, string password, string scratch)
    {
        var bsmtp = Path.Combine(scratch, "fetchmail.bsmtp");
        File.Delete(bsmtp);
        var rc = Path.Combine(scratch, "fetchmailrc");
        await File.WriteAllTextAsync(rc, $"""
            set no syslog
            poll localhost via 127.0.0.1 port {BenchEnvironment.ImplicitTlsPort} proto pop3
              user "{user}" there with password "{password}" is root here
              ssl sslcertck sslcertfile "{BenchEnvironment.CaCertificate}" sslcommonname localhost keep fetchall
              bsmtp "{bsmtp}"

            """);
        // fetchmail refuses a run-control file that others can read (it holds the password).
        File.SetUnixFileMode(rc, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return await Measured.RunAsync("fetchmail", ["--fetchmailrc", rc, "--nodetach", "--silent", "--pidfile", Path.Combine(scratch, "fetchmail.pid")],
            new Dictionary<string, string> { ["HOME"] = scratch });
    }
}
