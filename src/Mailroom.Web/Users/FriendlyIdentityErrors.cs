using Microsoft.AspNetCore.Identity;

namespace Mailroom.Web.Users;

/// <summary>Identity's messages, reworded for people who are signing up rather than for developers.</summary>
internal sealed class FriendlyIdentityErrors : IdentityErrorDescriber
{
    // Mailroom uses the email as the user name, so both duplicates mean the same thing to the user.
    public override IdentityError DuplicateUserName(string userName) => AlreadyRegistered(nameof(DuplicateUserName));

    public override IdentityError DuplicateEmail(string email) => AlreadyRegistered(nameof(DuplicateEmail));

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = "Enter a valid email address." };

    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Use at least {length} characters." };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Use at least {uniqueChars} different characters." };

    private static IdentityError AlreadyRegistered(string code) =>
        new() { Code = code, Description = "An account with this email already exists. Sign in instead." };
}
