namespace Mailroom.Web.Api.Users;

internal sealed record UserResponse(string Id, string Email);
