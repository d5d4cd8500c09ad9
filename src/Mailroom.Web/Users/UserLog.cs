namespace Mailroom.Web.Users;

/// <summary>Sign-up and sign-in events. User ids only: no email addresses, never a password.</summary>
internal static partial class UserLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "User {UserId} signed up")]
    public static partial void SignedUp(ILogger logger, string userId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "User {UserId} signed in ({Channel})")]
    public static partial void SignedIn(ILogger logger, string userId, string channel);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "A sign-in failed ({Channel})")]
    public static partial void SignInFailed(ILogger logger, string channel);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "User {UserId} is locked out until {LockedUntil:O} ({Channel})")]
    public static partial void LockedOut(ILogger logger, string userId, DateTimeOffset lockedUntil, string channel);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "User {UserId} signed out")]
    public static partial void SignedOut(ILogger logger, string userId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "User {UserId} changed their password; every other session ended")]
    public static partial void PasswordChanged(ILogger logger, string userId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "User {UserId} signed out everywhere")]
    public static partial void SignedOutEverywhere(ILogger logger, string userId);
}
