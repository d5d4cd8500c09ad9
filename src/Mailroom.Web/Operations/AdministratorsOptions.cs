namespace Mailroom.Web.Operations;

/// <summary>Bound from <c>Mailroom:Administrators</c>: who may see the operator pages.</summary>
internal sealed class AdministratorsOptions
{
    public const string SectionName = "Mailroom:Administrators";

    /// <summary>The sign-in email addresses of administrators (compared case-insensitively). Empty: nobody.</summary>
    public IList<string> Emails { get; } = [];
}
