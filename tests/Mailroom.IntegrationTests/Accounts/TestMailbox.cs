using System.Globalization;
using System.Text;

namespace Mailroom.IntegrationTests.Accounts;

/// <summary>
/// A mailbox user of its own on the testenv Dovecot (users.d/&lt;user&gt; passwd-file, maildir under mail/&lt;user&gt;),
/// located through testenv.env, following testenv/README.md "Mailbox users: the contract". Only what the account
/// tests need until the shared fixture (tests/Mailroom.IntegrationTests/TestEnvironment) lands on main.
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
        var local = $"{prefix}{Guid.NewGuid():N}"[..24];
        var mailbox = new TestMailbox($"{local}@{Environment["MAILROOM_TESTENV_DOMAIN"]}", $"pw-{Guid.NewGuid():N}");

        // testenv README "Mailbox users": the maildir first (world-writable, so nobody has to chown), then the user file.
        foreach (var folder in new[] { "", "cur", "new", "tmp" })
        {
            var path = Path.Combine(mailbox.Maildir, folder);
            Directory.CreateDirectory(path);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
            }
        }

        mailbox.WritePasswordFile(previous: null);
        return mailbox;
    }

    /// <summary>Dovecot re-reads a passwd-file only when its whole-second mtime changes, so the new file is dated one second later and the change is awaited.</summary>
    public async Task ChangePasswordAsync(string password)
    {
        var previous = File.GetLastWriteTimeUtc(PasswordFile);
        Password = password;
        WritePasswordFile(previous);
        var nextSecond = DateTime.UtcNow.AddTicks(-(DateTime.UtcNow.Ticks % TimeSpan.TicksPerSecond)).AddSeconds(1).AddMilliseconds(50);
        await Task.Delay(nextSecond - DateTime.UtcNow);
    }

    /// <summary>Puts <paramref name="count"/> small messages into new/, each written to tmp/ first (maildir: no half files).</summary>
    public void Drop(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var body = $"From: sender@example.test\r\nTo: {User}\r\nSubject: Test {i}\r\nDate: Fri, 27 Nov 2026 08:00:00 +0000\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n\r\nBody {i}\r\n";
            var name = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Guid.NewGuid():N}.mailroom";
            var temporary = Path.Combine(Maildir, "tmp", name);
            File.WriteAllText(temporary, body, Encoding.ASCII);
            File.Move(temporary, Path.Combine(Maildir, "new", name));
        }
    }

    private string PasswordFile => Path.Combine(UsersDirectory, User);

    private void WritePasswordFile(DateTime? previous)
    {
        var temporary = Path.Combine(UsersDirectory, $".{Guid.NewGuid():N}");
        File.WriteAllText(temporary, $"{User}:{{PLAIN}}{Password}\n", Encoding.ASCII);
        if (previous is { } mtime)
        {
            File.SetLastWriteTimeUtc(temporary, mtime.AddSeconds(1));
        }

        File.Move(temporary, PasswordFile, overwrite: true);
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
