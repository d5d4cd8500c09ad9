namespace Mailroom.IntegrationTests.Hosting;

/// <summary>For a [Theory] that starts its own app per case: <c>[Theory, ClassData(typeof(BothDatabases))]</c>.</summary>
public sealed class BothDatabases : TheoryData<DatabaseKind>
{
    public BothDatabases()
    {
        Add(DatabaseKind.Sqlite);
        Add(DatabaseKind.Postgres);
    }
}
