namespace Mailroom.IntegrationTests.Sending;

/// <summary>A folder of this test's own for Mailroom's outbox (zero-configuration mode), removed afterwards.</summary>
internal sealed class OutboxFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mailroom-outbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    public override string ToString() => Path;
}
