using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Mailroom.IntegrationTests.Accounts;

/// <summary>
/// A mailbox user of its own on the testenv Dovecot (users.d/&lt;user&gt; passwd-file, maildir under mail/&lt;user&gt;),
/// located through testenv.env. Only what the account tests need until the shared testenv fixture lands:
/// create a user, drop messages, change the password.
/// </summary>
internal sealed class TestMailbox
{
    private TestMailbox(string user, string password)
    {
        User = user;
        Password = password;
    }

    public string User { get; }

    public string Password { get; private set; }

    public static IReadOnlyDictionary<string, string> Environment { get; } = LoadEnvironment();

    public static string CaCertificatePath => Environment["MAILROOM_TESTENV_CA_CERT"];

    public static int Pop3Port => int.Parse(Environment["MAILROOM_TESTENV_POP3_PORT"], CultureInfo.InvariantCulture);

    public static int Pop3sPort => int.Parse(Environment["MAILROOM_TESTENV_POP3S_PORT"], CultureInfo.InvariantCulture);

    private static string UsersDirectory => Environment["MAILROOM_TESTENV_USERS_DIR"];

    private string Maildir => Path.Combine(Environment["MAILROOM_TESTENV_MAIL_ROOT"], User);

    public static TestMailbox Create(string prefix = "acct")
    {
        var mailbox = new TestMailbox($"{prefix}{Guid.NewGuid():N}"[..24] + "@" + Environment["MAILROOM_TESTENV_DOMAIN"], $"pw-{Guid.NewGuid():N}");
        mailbox.WritePasswordFile();
        return mailbox;
    }

    public void ChangePassword(string password)
    {
        Password = password;
        WritePasswordFile();
    }

    /// <summary>Puts <paramref name="count"/> small messages into the maildir's new/ folder, owned by the mail user.</summary>
    public void Drop(int count)
    {
        foreach (var folder in new[] { "new", "cur", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(Maildir, folder));
        }

        for (var i = 0; i < count; i++)
        {
            var body = $"From: sender@example.test\r\nTo: {User}\r\nSubject: Test {i}\r\nDate: Fri, 27 Nov 2026 08:00:00 +0000\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n\r\nBody {i}\r\n";
            File.WriteAllText(Path.Combine(Maildir, "new", $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Guid.NewGuid():N}.testenv"), body, Encoding.ASCII);
        }

        RunChown(Maildir);
    }

    private void WritePasswordFile()
    {
        var path = Path.Combine(UsersDirectory, User);
        var partial = path + ".partial";

        // Renamed into place so that Dovecot never reads half a file.
        File.WriteAllText(partial, $"{User}:{{PLAIN}}{Password}\n", Encoding.ASCII);
        File.Move(partial, path, overwrite: true);
    }

    private static void RunChown(string path)
    {
        var owner = $"{Environment["MAILROOM_TESTENV_VMAIL_UID"]}:{Environment["MAILROOM_TESTENV_VMAIL_GID"]}";
        using var chown = Process.Start("chown", ["-R", owner, path]) ?? throw new InvalidOperationException("chown did not start");
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown {owner} {path} failed with {chown.ExitCode}");
        }
    }

    private static Dictionary<string, string> LoadEnvironment()
    {
        var directory = System.Environment.GetEnvironmentVariable("MAILROOM_TESTENV_DIR") is { Length: > 0 } configured ? configured : "/tmp/mailroom-testenv";
        var file = Path.Combine(directory, "testenv.env");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} is missing: start the test servers with testenv/start.sh.");
        }

        return File.ReadAllLines(file)
            .Where(line => line.Contains('=', StringComparison.Ordinal) && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim());
    }
}
