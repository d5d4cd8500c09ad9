using System.Net;
using System.Net.Sockets;

namespace Mailroom.IntegrationTests.Fetching;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a mail server that drops each connection once it has passed
/// <see cref="CutAfterBytes"/> bytes from the server to the client: a network that fails mid-command, mid-RETR or mid-TLS record.
/// </summary>
public sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public CuttingProxy(IPEndPoint server)
    {
        _server = server;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Applies to connections opened from now on; <see cref="long.MaxValue"/> passes everything.</summary>
    public long CutAfterBytes { get; set; } = long.MaxValue;

    public int Cuts => _cuts;

    private int _cuts;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client, CutAfterBytes);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task RelayAsync(TcpClient client, long cutAfter)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_server, _stop.Token);
                using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = PumpAsync(client.GetStream(), server.GetStream(), long.MaxValue, connection.Token);
                var down = PumpAsync(server.GetStream(), client.GetStream(), cutAfter, connection.Token);
                await Task.WhenAny(up, down);
                if (down.IsCompletedSuccessfully && await down)
                {
                    Interlocked.Increment(ref _cuts);
                }

                await connection.CancelAsync();
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // Either side went away; closing both is the point.
            }
        }
    }

    /// <summary>Copies until the source ends or the limit is reached; true when it cut.</summary>
    private static async Task<bool> PumpAsync(Stream from, Stream to, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        long passed = 0;
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - passed)), cancellationToken);
                if (read == 0)
                {
                    return false;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                passed += read;
                if (passed >= limit)
                {
                    return true;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
