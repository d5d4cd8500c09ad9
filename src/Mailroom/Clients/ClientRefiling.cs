namespace Mailroom.Clients;

/// <summary>
/// The background re-filing of one client's mail after its addresses changed. A change bumps
/// <see cref="RequestedVersion"/>; a node holding the lease files every message of the workspace against the
/// current addresses, publishing progress here, and marks the version it finished.
/// </summary>
internal sealed class ClientRefiling
{
    public long ClientId { get; init; }

    public int RequestedVersion { get; set; }

    public int CompletedVersion { get; set; }

    public long Done { get; set; }

    public long Total { get; set; }

    public Guid? LeaseToken { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public bool IsPending => CompletedVersion < RequestedVersion;
}
