using Microsoft.AspNetCore.Identity;

namespace Mailroom.Users;

/// <summary>A person who signs in to Mailroom. Identity owns the columns; Mailroom owns what hangs off the user id.</summary>
internal sealed class MailroomUser : IdentityUser;
