namespace Mailroom.IntegrationTests.Reading;

/// <summary>The checked-in .eml corpora (Reading/Corpus/Hostile and Reading/Corpus/Malformed), copied beside the test binaries.</summary>
public static class Corpus
{
    public static IReadOnlyList<string> Names(string corpus) =>
        [.. Directory.GetFiles(Folder(corpus), "*.eml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    public static byte[] Read(string corpus, string name) => File.ReadAllBytes(Path.Combine(Folder(corpus), name + ".eml"));

    private static string Folder(string corpus) => Path.Combine(AppContext.BaseDirectory, "Reading", "Corpus", corpus);
}
