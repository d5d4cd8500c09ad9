namespace Mailroom.Accounts;

/// <summary>An external mailbox a user gathers mail from over POP3.</summary>
internal sealed class Pop3Account
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string OwnerId { get; init; }

    public required string DisplayName { get; set; }

    public required string EmailAddress { get; set; }

    public required string Host { get; set; }

    public int Port { get; set; }

    public required string UserName { get; set; }

    /// <summary>The password as Data Protection ciphertext; the clear password is never stored.</summary>
    public required string ProtectedPassword { get; set; }

    public bool UseSsl { get; set; }

    public RetrievalPolicy AfterRetrieval { get; set; }

    /// <summary>Only meaningful with <see cref="RetrievalPolicy.DeleteAfterDays"/>.</summary>
    public int? DeleteAfterDays { get; set; }

    public AccountState State { get; set; }

    /// <summary>Why the account was disabled, in words the user understands.</summary>
    public string? DisabledReason { get; set; }

    public int ConsecutiveAuthenticationFailures { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastSuccessfulFetchAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }
}
