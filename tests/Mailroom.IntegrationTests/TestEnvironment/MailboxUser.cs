using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Mailroom.IntegrationTests.TestEnvironment;

/// <summary>
/// One Dovecot mailbox on the test servers, following the contract in testenv/README.md: the user is the file
/// users.d/&lt;address&gt;, the mail is the maildir mail/&lt;address&gt;/ (also where Postfix delivers).
/// Each test creates its own users, so parallel tests never share a mailbox.
/// </summary>
public sealed partial class MailboxUser
{
    private const UnixFileMode WorldWritable = (UnixFileMode)0b111_111_111;
    private static long _dropSequence;
    private readonly string _usersDirectory;

    private MailboxUser(string address, string password, string usersDirectory, string maildir)
    {
        Address = address;
        Password = password;
        _usersDirectory = usersDirectory;
        Maildir = maildir;
    }

    /// <summary>The login name and the e-mail address (both the same).</summary>
    public string Address { get; }

    public string Password { get; private set; }

    public string Maildir { get; }

    private string UserFile => Path.Combine(_usersDirectory, Address);

    internal static async Task<MailboxUser> CreateAsync(TestServers servers, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The test servers run on Linux only (see testenv/).");
        }

        var address = $"u{Guid.NewGuid():N}@{servers.MailDomain}";
        var user = new MailboxUser(address, NewPassword(), servers.UsersDirectory, Path.Combine(servers.MailRoot, address));

        // Maildir first: once the user file exists the user can log in (and Postfix can deliver).
        // Dovecot and its delivery agent run as vmail; world-writable directories spare the chown.
        foreach (var directory in new[] { user.Maildir, Path.Combine(user.Maildir, "cur"), Path.Combine(user.Maildir, "new"), Path.Combine(user.Maildir, "tmp") })
        {
            Directory.CreateDirectory(directory);
            File.SetUnixFileMode(directory, WorldWritable); // explicit: CreateDirectory's mode is subject to umask
        }

        var temp = await user.WriteUserLineAsync(cancellationToken);
        File.Move(temp, user.UserFile); // rename(2): Dovecot never reads a half-written file
        return user;
    }

    /// <summary>Puts raw RFC 5322 messages into the mailbox, as a delivery agent would (tmp/, then rename into new/).</summary>
    public async Task DropMessagesAsync(IEnumerable<byte[]> rawMessages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rawMessages);
        foreach (var raw in rawMessages)
        {
            // Dovecot numbers new messages by the seconds prefix, then by the rest of the name:
            // a zero-padded per-process counter keeps POP3 order = drop order.
            var sequence = Interlocked.Increment(ref _dropSequence);
            var name = $"{TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()}.P{Environment.ProcessId}Q{sequence:D10}.mailroom";
            var temp = Path.Combine(Maildir, "tmp", name);
            await File.WriteAllBytesAsync(temp, raw, cancellationToken);
            File.Move(temp, Path.Combine(Maildir, "new", name));
        }
    }

    /// <summary>Generates <paramref name="count"/> realistic messages addressed to this user and drops them in the mailbox.</summary>
    public async Task<IReadOnlyList<SampleMessage>> DropSampleMessagesAsync(int count, CancellationToken cancellationToken = default)
    {
        var messages = SampleMessages.Create(count, Address);
        await DropMessagesAsync(messages.Select(m => m.Raw), cancellationToken);
        return messages;
    }

    /// <summary>
    /// Generates <paramref name="count"/> messages of real-mailbox sizes addressed to this user (see
    /// <see cref="SampleMessages.CreateMixedSizes"/>) and drops them in the mailbox.
    /// </summary>
    public async Task<IReadOnlyList<SampleMessage>> DropMixedSizeMessagesAsync(
        int count, int seed, bool includeLarge = true, CancellationToken cancellationToken = default)
    {
        var messages = SampleMessages.CreateMixedSizes(count, seed, Address, includeLarge);
        await DropMessagesAsync(messages.Select(m => m.Raw), cancellationToken);
        return messages;
    }

    /// <summary>
    /// Changes the password on the server ("the real password changed"). Returns once Dovecot uses the new one:
    /// Dovecot re-reads a passwd-file only when its mtime (whole seconds) or size changed, and at most once per
    /// second, so the new file gets a later mtime and this waits for the next second (up to ~1 s).
    /// </summary>
    public async Task ChangePasswordAsync(string? newPassword = null, CancellationToken cancellationToken = default)
    {
        Password = newPassword ?? NewPassword();
        var temp = await WriteUserLineAsync(cancellationToken);
        var previous = File.GetLastWriteTimeUtc(UserFile);
        var wholeSeconds = new DateTime(previous.Ticks - (previous.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(temp, wholeSeconds.AddSeconds(1));
        File.Move(temp, UserFile, overwrite: true);

        var now = TimeProvider.System.GetUtcNow();
        await Task.Delay(TimeSpan.FromMilliseconds(1000 - now.Millisecond + 20), cancellationToken);
    }

    /// <summary>How many messages the server holds for this user right now (new/ plus cur/ in the maildir).</summary>
    public int CountServerMessages() =>
        Directory.GetFiles(Path.Combine(Maildir, "new")).Length + Directory.GetFiles(Path.Combine(Maildir, "cur")).Length;

    /// <summary>
    /// The Message-ID of every message the server holds for this user right now (empty for a message without one).
    /// Reads the maildir, so it works while a POP3 session is open.
    /// </summary>
    public async Task<IReadOnlyList<string>> MessageIdsOnServerAsync(CancellationToken cancellationToken = default)
    {
        // Dovecot renames files while a session runs (new/ to cur/, flags, DELE): one can vanish between listing and reading.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var ids = new List<string>();
                foreach (var path in Directory.EnumerateFiles(Path.Combine(Maildir, "new")).Concat(Directory.EnumerateFiles(Path.Combine(Maildir, "cur"))))
                {
                    var head = await ReadHeadAsync(path, cancellationToken);
                    ids.Add(MessageIdHeader().Match(head) is { Success: true } match ? match.Groups[1].Value : "");
                }

                return ids;
            }
            catch (FileNotFoundException) when (attempt < 20)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    public override string ToString() => Address;

    private static async Task<string> ReadHeadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var buffer = new byte[4096];
        var length = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return Encoding.Latin1.GetString(buffer, 0, length);
    }

    private async Task<string> WriteUserLineAsync(CancellationToken cancellationToken)
    {
        if (Password.Contains(':', StringComparison.Ordinal) || Password.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("A test-server password cannot contain ':' or a newline (passwd-file format).");
        }

        var temp = Path.Combine(_usersDirectory, $".tmp.{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(temp, $"{Address}:{{PLAIN}}{Password}\n", cancellationToken); // UTF-8, no BOM
        return temp;
    }

    private static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    [GeneratedRegex(@"(?im)^Message-ID:\s*<([^>]+)>")]
    private static partial Regex MessageIdHeader();
}
