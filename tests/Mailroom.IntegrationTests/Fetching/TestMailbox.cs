using System.Text;
using System.Text.RegularExpressions;

namespace Mailroom.IntegrationTests.Fetching;

/// <summary>
/// A Dovecot mailbox user of its own on the testenv servers, filled by writing maildir files directly (fast, and
/// exactly the bytes the test chose). Reads the testenv's published settings (testenv.env) for where things are.
/// </summary>
public sealed partial class TestMailbox
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Settings = new(ReadSettings);
    private int _sequence;

    private TestMailbox(string user)
    {
        User = user;
        Directory.CreateDirectory(Path.Combine(Maildir, "new"));
        Directory.CreateDirectory(Path.Combine(Maildir, "cur"));
        Directory.CreateDirectory(Path.Combine(Maildir, "tmp"));
        File.WriteAllText(Path.Combine(Setting("USERS_DIR"), user), $"{user}:{{PLAIN}}{Secret}\n");
        Chown(Maildir);
    }

    public string User { get; }

    public string Secret { get; } = $"pw-{Guid.NewGuid():N}";

    public static string CaCertificatePath => Setting("CA_CERT");

    public static int ImplicitTlsPort => int.Parse(Setting("POP3S_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static int StlsPort => int.Parse(Setting("POP3_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    private string Maildir => Path.Combine(Setting("MAIL_ROOT"), User);

    public static TestMailbox Create(string prefix = "fetch") =>
        new($"{prefix}-{Guid.NewGuid():N}@{Setting("DOMAIN")}");

    /// <summary>Writes each message as its own maildir file, owned by the mail user as Dovecot expects.</summary>
    public void Drop(IEnumerable<byte[]> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            var name = $"{1_700_000_000 + Interlocked.Increment(ref _sequence)}.M{_sequence}P{Environment.ProcessId}.mailroomtest";
            var path = Path.Combine(Maildir, "new", name);
            File.WriteAllBytes(path, message);
        }

        Chown(Maildir);
    }

    /// <summary>The Message-ID of every message still on the server (maildir files, so it works while a session is open).</summary>
    public IReadOnlyList<string> MessageIdsOnServer()
    {
        // Dovecot renames files (new/ to cur/, flags) while a session runs: a file can vanish between listing and reading.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return [.. Directory.EnumerateFiles(Path.Combine(Maildir, "new")).Concat(Directory.EnumerateFiles(Path.Combine(Maildir, "cur")))
                    .Select(path => MessageIdHeader().Match(ReadHead(path)) is { Success: true } match ? match.Groups[1].Value : "")];
            }
            catch (FileNotFoundException) when (attempt < 20)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static string ReadHead(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[Math.Min(4096, (int)file.Length)];
        file.ReadExactly(buffer);
        return Encoding.Latin1.GetString(buffer);
    }

    private static void Chown(string path)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["-R", $"{Setting("VMAIL_UID")}:{Setting("VMAIL_GID")}", path]);
        chown.WaitForExit();
    }

    private static string Setting(string name) =>
        Settings.Value.TryGetValue(name, out var value) ? value : throw new InvalidOperationException(
            $"testenv setting MAILROOM_TESTENV_{name} is missing. Start the servers with testenv/start.sh.");

    private static Dictionary<string, string> ReadSettings()
    {
        var directory = Environment.GetEnvironmentVariable("MAILROOM_TESTENV_DIR") is { Length: > 0 } configured ? configured : "/tmp/mailroom-testenv";
        var file = Path.Combine(directory, "testenv.env");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} does not exist. Start the servers with testenv/start.sh.");
        }

        return File.ReadAllLines(file)
            .Where(line => line.StartsWith("MAILROOM_TESTENV_", StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))
            .ToDictionary(line => line["MAILROOM_TESTENV_".Length..line.IndexOf('=', StringComparison.Ordinal)], line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
    }

    [GeneratedRegex(@"(?im)^Message-ID:\s*<([^>]+)>")]
    private static partial Regex MessageIdHeader();
}
