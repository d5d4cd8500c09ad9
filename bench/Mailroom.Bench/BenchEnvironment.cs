using System.Globalization;

namespace Mailroom.Bench;

/// <summary>Where the testenv servers are (from testenv.env), and mailbox users made on them.</summary>
internal static class BenchEnvironment
{
    private static readonly Lazy<Dictionary<string, string>> Settings = new(() =>
    {
        var directory = Environment.GetEnvironmentVariable("MAILROOM_TESTENV_DIR") is { Length: > 0 } configured ? configured : "/tmp/mailroom-testenv";
        return File.ReadAllLines(Path.Combine(directory, "testenv.env"))
            .Where(line => line.StartsWith("MAILROOM_TESTENV_", StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))
            .ToDictionary(line => line["MAILROOM_TESTENV_".Length..line.IndexOf('=', StringComparison.Ordinal)], line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
    });

    public static string Setting(string name) => Settings.Value[name];

    public static int ImplicitTlsPort => int.Parse(Setting("POP3S_PORT"), CultureInfo.InvariantCulture);

    public static string CaCertificate => Setting("CA_CERT");

    public static string PostgresConnection(string database) => $"{Setting("PG_CONNECTION")};Database={database}";

    /// <summary>Creates a mailbox user and fills its maildir with <paramref name="count"/> realistic messages; returns user and password.</summary>
    public static (string User, string Password, long Bytes) CreateMailbox(int count, int seed)
    {
        var user = $"bench{count}-{Guid.NewGuid():N}@{Setting("DOMAIN")}";
        var password = $"pw-{Guid.NewGuid():N}";
        var maildir = Path.Combine(Setting("MAIL_ROOT"), user);
        foreach (var sub in new[] { "new", "cur", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(maildir, sub));
        }

        long bytes = 0;
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var message = RealisticMail.Create(i, random, user);
            bytes += message.Length;
            File.WriteAllBytes(Path.Combine(maildir, "new", $"{1_700_000_000 + i}.M{i}P{seed}.bench"), message);
        }

        File.WriteAllText(Path.Combine(Setting("USERS_DIR"), user), $"{user}:{{PLAIN}}{password}\n");
        using (var chown = System.Diagnostics.Process.Start("chown", ["-R", $"{Setting("VMAIL_UID")}:{Setting("VMAIL_GID")}", maildir]))
        {
            chown.WaitForExit();
        }

        return (user, password, bytes);
    }

    public static int PrintNewMailbox(int count)
    {
        var (user, password, bytes) = CreateMailbox(count, seed: count);
        Console.WriteLine($"{user} {password} {bytes}");
        return 0;
    }

    public static int RemoveMailboxCommand(string user)
    {
        RemoveMailbox(user);
        return 0;
    }

    public static void RemoveMailbox(string user)
    {
        Directory.Delete(Path.Combine(Setting("MAIL_ROOT"), user), recursive: true);
        File.Delete(Path.Combine(Setting("USERS_DIR"), user));
    }
}
