using Mailroom.Users;
using Microsoft.AspNetCore.Identity;

namespace Mailroom.Web.Users;

/// <summary>Refuses guessable passwords ("password123", "Password12", keyboard walks, the email itself), saying why.</summary>
internal sealed class PasswordStrengthValidator : IPasswordValidator<MailroomUser>
{
    public const string ErrorCode = "PasswordTooGuessable";

    public Task<IdentityResult> ValidateAsync(UserManager<MailroomUser> manager, MailroomUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var (_, reason) = PasswordStrength.Evaluate(password, user.Email);
        return Task.FromResult(reason is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "This password is too easy to guess. " + reason }));
    }
}
