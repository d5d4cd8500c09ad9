namespace Mailroom.Network;

/// <summary>The ports users may enter for one protocol (<c>Mailroom:Pop3</c>, <c>Mailroom:Smtp</c>).</summary>
internal abstract class ProtocolPortOptions
{
    /// <summary>Configured ports; empty means the protocol's defaults.</summary>
    public IList<int> AllowedPorts { get; } = [];

    /// <summary>The ports in force. A separate default list, because configuration binding appends to a pre-filled list instead of replacing it.</summary>
    public IReadOnlyCollection<int> EffectiveAllowedPorts => AllowedPorts.Count > 0 ? [.. AllowedPorts] : DefaultPorts;

    protected abstract IReadOnlyCollection<int> DefaultPorts { get; }
}

internal sealed class Pop3Options : ProtocolPortOptions
{
    public const string SectionName = "Mailroom:Pop3";

    protected override IReadOnlyCollection<int> DefaultPorts => [110, 995];
}

internal sealed class SmtpOptions : ProtocolPortOptions
{
    public const string SectionName = "Mailroom:Smtp";

    protected override IReadOnlyCollection<int> DefaultPorts => [25, 465, 587];
}
