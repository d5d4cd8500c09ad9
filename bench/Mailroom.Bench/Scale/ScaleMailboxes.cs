using System.Diagnostics;

namespace Mailroom.Bench.Scale;

/// <summary>N small mailboxes on the testenv Dovecot, a few realistic messages each, made straight in the maildirs (testenv's user contract).</summary>
internal sealed class ScaleMailboxes : IDisposable
{
    private ScaleMailboxes(IReadOnlyList<(string User, string Password)> users) => Users = users;

    public IReadOnlyList<(string User, string Password)> Users { get; }

    public static ScaleMailboxes Create(int count, int messagesEach)
    {
        var users = new List<(string, string)>();
        var random = new Random(count);
        var root = BenchEnvironment.Setting("MAIL_ROOT");
        for (var i = 0; i < count; i++)
        {
            var user = $"scale{i}-{Guid.NewGuid():N}@{BenchEnvironment.Setting("DOMAIN")}";
            var password = $"pw-{Guid.NewGuid():N}";
            var maildir = Path.Combine(root, user);
            foreach (var sub in new[] { "new", "cur", "tmp" })
            {
                Directory.CreateDirectory(Path.Combine(maildir, sub));
            }

            for (var m = 0; m < messagesEach; m++)
            {
                File.WriteAllBytes(Path.Combine(maildir, "new", $"{1_700_000_000 + m}.M{m}P{i}.scale"), RealisticMail.Create(m, random, user));
            }

            File.WriteAllText(Path.Combine(BenchEnvironment.Setting("USERS_DIR"), user), $"{user}:{{PLAIN}}{password}\n");
            users.Add((user, password));
        }

        // One chown for all of them: a process per mailbox would dominate the set-up of 10,000.
        foreach (var chunk in users.Chunk(500))
        {
            using var chown = Process.Start("chown", ["-R", $"{BenchEnvironment.Setting("VMAIL_UID")}:{BenchEnvironment.Setting("VMAIL_GID")}",
                .. chunk.Select(u => Path.Combine(root, u.Item1))])!;
            chown.WaitForExit();
        }

        return new ScaleMailboxes(users);
    }

    public void Dispose()
    {
        foreach (var (user, _) in Users)
        {
            BenchEnvironment.RemoveMailbox(user);
        }
    }
}
