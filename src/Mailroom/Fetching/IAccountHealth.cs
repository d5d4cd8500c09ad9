using Mailroom.Network;

namespace Mailroom.Fetching;

/// <summary>
/// Where fetch outcomes go to decide an account's health (the accounts feature disables an account after repeated
/// credential rejections and tells its owner). A seam because the accounts feature owns the rules.
/// </summary>
internal interface IAccountHealth
{
    Task RecordFetchSuccessAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>Never called for cancellation (shutdown is not the account's fault).</summary>
    Task RecordFetchFailureAsync(Guid accountId, MailFailure failure, CancellationToken cancellationToken);
}
