using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mailroom.Tests.Accounts;

/// <summary>
/// A one-connection POP3 "server" on 127.0.0.1 that plays a transcript: it expects each client line exactly
/// and answers with canned lines. Edge cases no real server produces on demand (RFC 3206 codes, no UIDL)
/// are tested this way. <see cref="Mismatch"/> says where the client left the script.
/// </summary>
internal sealed class ScriptedPop3Server : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<(string? Expected, string[] Reply)> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly List<string> _received = [];

    private readonly int _connections;

    private ScriptedPop3Server(IReadOnlyList<(string? Expected, string[] Reply)> script, int connections)
    {
        _script = script;
        _connections = connections;
        _listener.Start();
        _run = RunAsync(_stop.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string? Mismatch { get; private set; }

    public IReadOnlyList<string> Received => _received;

    /// <summary>Runs when an expected client line arrives, before its reply: lets a test look at (or change) the world at that moment.</summary>
    public Func<string, Task>? BeforeReply { get; set; }

    /// <summary>The greeting, then (client line, reply lines) pairs in order.</summary>
    public static ScriptedPop3Server Start(string greeting, params (string Expected, string[] Reply)[] exchanges) =>
        Repeating(1, greeting, exchanges);

    /// <summary>Plays the same transcript to <paramref name="connections"/> clients, one after another.</summary>
    public static ScriptedPop3Server Repeating(int connections, string greeting, params (string Expected, string[] Reply)[] exchanges) =>
        new([(null, [greeting]), .. exchanges.Select(e => ((string?)e.Expected, e.Reply))], connections);

    /// <summary>Waits until the client has gone through the script (or left it) and closed the connection.</summary>
    public async Task<bool> CompletedAsync() => await Task.WhenAny(_run, Task.Delay(TimeSpan.FromSeconds(10))) == _run;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var connection = 0; connection < _connections && Mismatch is null; connection++)
        {
            await PlayAsync(cancellationToken);
        }
    }

    private async Task PlayAsync(CancellationToken cancellationToken)
    {
        using var client = await _listener.AcceptTcpClientAsync(cancellationToken);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        foreach (var (expected, reply) in _script)
        {
            if (expected is not null)
            {
                var line = await reader.ReadLineAsync(cancellationToken);
                if (line is null)
                {
                    Mismatch ??= $"client hung up; expected '{expected}'";
                    return;
                }

                _received.Add(line);
                if (line != expected)
                {
                    Mismatch = $"expected '{expected}', got '{line}'";
                    return;
                }

                if (BeforeReply is { } hook)
                {
                    await hook(line);
                }
            }

            var text = string.Concat(reply.Select(r => r + "\r\n"));
            await stream.WriteAsync(Encoding.Latin1.GetBytes(text), cancellationToken);
        }

        // Past the script: note anything more the client says until it closes.
        while (await reader.ReadLineAsync(cancellationToken) is { } extra)
        {
            _received.Add(extra);
            Mismatch ??= $"unexpected '{extra}' after the script";
        }
    }
}
