using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mailroom.Tests.Sending;

/// <summary>
/// A small SMTP server on 127.0.0.1 without TLS (tests allow plaintext) that records what clients do: sign-ins, envelopes
/// and the exact DATA bytes (dot-stuffing undone). Replies to sign-in and to each recipient can be set per test, to play
/// refusals no real server produces on demand.
/// </summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public FakeSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string UserName { get; set; } = "alice@example.test";

    public string Password { get; set; } = "alice-secret";

    public bool OffersAuthentication { get; set; } = true;

    public long MaxSize { get; set; } = 10_000_000;

    /// <summary>Replies for RCPT TO by address, e.g. "550 5.1.1 User unknown"; others get 250.</summary>
    public ConcurrentDictionary<string, string> RecipientReplies { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<string> SignIns { get; } = new();

    /// <summary>Every password a client sent, right or wrong: where a stored secret went.</summary>
    public ConcurrentQueue<string> ReceivedPasswords { get; } = new();

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    /// <summary>Every MAIL FROM the server saw, accepted or not; a test that must not send checks it stays empty.</summary>
    public ConcurrentQueue<string> MailCommands { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(cancellationToken);
            _ = Task.Run(() => ServeAsync(client, cancellationToken), cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        var reader = new LineReader(stream);
        string? from = null;
        var recipients = new List<string>();
        async Task Reply(string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"), cancellationToken);

        await Reply("220 fake.example.test ESMTP");
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        var auth = OffersAuthentication ? "250-AUTH PLAIN LOGIN\r\n" : "";
                        await Reply($"250-fake.example.test\r\n{auth}250-SIZE {MaxSize}\r\n250 8BITMIME");
                        break;
                    case "AUTH":
                        await Reply(await AuthenticateAsync(line, reader, Reply, cancellationToken));
                        break;
                    case "MAIL":
                        from = line;
                        MailCommands.Enqueue(line);
                        recipients.Clear();
                        await Reply(DeclaredSize(line) > MaxSize ? "552 5.3.4 Message size exceeds fixed limit" : "250 2.1.0 Ok");
                        break;
                    case "RCPT":
                        var address = line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)];
                        var reply = RecipientReplies.GetValueOrDefault(address, "250 2.1.5 Ok");
                        if (reply.StartsWith('2'))
                        {
                            recipients.Add(address);
                        }

                        await Reply(reply);
                        break;
                    case "DATA":
                        await Reply("354 End data with <CR><LF>.<CR><LF>");
                        var data = await reader.ReadDataAsync(cancellationToken);
                        Deliveries.Enqueue(new Delivery(from ?? "", [.. recipients], data));
                        await Reply("250 2.0.0 Ok: queued as FAKE1");
                        break;
                    case "RSET":
                        recipients.Clear();
                        await Reply("250 2.0.0 Ok");
                        break;
                    case "QUIT":
                        await Reply("221 2.0.0 Bye");
                        return;
                    default:
                        await Reply("502 5.5.2 Error: command not recognized");
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task<string> AuthenticateAsync(string line, LineReader reader, Func<string, Task> reply, CancellationToken cancellationToken)
    {
        var parts = line.Split(' ');
        string user;
        string password;
        if (parts[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var response = parts.Length > 2 ? parts[2] : await Challenge("", reader, reply, cancellationToken);
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
            (user, password) = (fields[1], fields[2]);
        }
        else
        {
            user = Encoding.UTF8.GetString(Convert.FromBase64String(parts.Length > 2 ? parts[2] : await Challenge("VXNlcm5hbWU6", reader, reply, cancellationToken)));
            password = Encoding.UTF8.GetString(Convert.FromBase64String(await Challenge("UGFzc3dvcmQ6", reader, reply, cancellationToken)));
        }

        SignIns.Enqueue(user);
        ReceivedPasswords.Enqueue(password);
        return user == UserName && password == Password ? "235 2.7.0 Authentication successful" : "535 5.7.8 Error: authentication failed";
    }

    /// <summary>RFC 1870: "MAIL FROM:&lt;a@b&gt; SIZE=1234".</summary>
    private static long DeclaredSize(string mailCommand)
    {
        var size = mailCommand.Split(' ').FirstOrDefault(p => p.StartsWith("SIZE=", StringComparison.OrdinalIgnoreCase));
        return size is null ? 0 : long.Parse(size[5..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> Challenge(string text, LineReader reader, Func<string, Task> reply, CancellationToken cancellationToken)
    {
        await reply("334 " + text);
        return await reader.ReadLineAsync(cancellationToken) ?? "";
    }

    internal sealed record Delivery(string MailFrom, IReadOnlyList<string> Recipients, byte[] Data);

    /// <summary>Reads CRLF lines and the DATA section as bytes, so the message arrives exactly as sent.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = await ReadRawLineAsync(cancellationToken);
            return line is null ? null : Encoding.Latin1.GetString(line).TrimEnd('\r', '\n');
        }

        public async Task<byte[]> ReadDataAsync(CancellationToken cancellationToken)
        {
            using var data = new MemoryStream();
            while (await ReadRawLineAsync(cancellationToken) is { } line)
            {
                if (line is [(byte)'.', (byte)'\r', (byte)'\n'])
                {
                    break;
                }

                // RFC 5321 §4.5.2: a leading dot was doubled by the client.
                var skip = line.Length > 1 && line[0] == (byte)'.' ? 1 : 0;
                data.Write(line, skip, line.Length - skip);
            }

            return data.ToArray();
        }

        private async Task<byte[]?> ReadRawLineAsync(CancellationToken cancellationToken)
        {
            using var line = new MemoryStream();
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await stream.ReadAsync(_buffer, cancellationToken);
                    if (_end == 0)
                    {
                        return line.Length > 0 ? line.ToArray() : null;
                    }
                }

                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newline < 0)
                {
                    line.Write(_buffer, _start, _end - _start);
                    _start = _end;
                    continue;
                }

                line.Write(_buffer, _start, newline + 1 - _start);
                _start = newline + 1;
                return line.ToArray();
            }
        }
    }
}
