using Mailroom.Users;
using Microsoft.AspNetCore.Identity;

namespace Mailroom.Web.Users;

/// <summary>
/// Length does most of the work; this only refuses passwords made of one kind of character
/// ("aaaaaaaaaaaa", "1234567890"), which are the first ones guessed. Upper/lower/symbol rules are left out on purpose:
/// they push people to predictable patterns (NIST SP 800-63B, 5.1.1.2).
/// </summary>
internal sealed class PasswordVarietyValidator : IPasswordValidator<MailroomUser>
{
    public const string ErrorCode = "PasswordRequiresVariety";

    public Task<IdentityResult> ValidateAsync(UserManager<MailroomUser> manager, MailroomUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var hasLetter = password.Any(char.IsLetter);
        var hasOther = password.Any(c => !char.IsLetter(c));
        return Task.FromResult(hasLetter && hasOther
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "Mix letters with digits, spaces or symbols.",
            }));
    }
}
