namespace Mailroom.Workspaces;

/// <summary>A team in the CRM: its members share clients, and mail accounts they choose to share.</summary>
internal sealed class Workspace
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
