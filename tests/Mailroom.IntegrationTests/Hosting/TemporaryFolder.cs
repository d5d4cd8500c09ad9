namespace Mailroom.IntegrationTests.Hosting;

/// <summary>A folder of this test's own under the temp directory (an app process's working directory, key files), removed with everything in it afterwards.</summary>
internal sealed class TemporaryFolder(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);

    public override string ToString() => Path;
}
