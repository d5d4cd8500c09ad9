namespace Mailroom.Web.Api.Users;

public sealed record UserResponse(string Id, string Email);
