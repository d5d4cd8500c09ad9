namespace Mailroom.IntegrationTests.Hosting;

/// <summary>A user no other test knows: unique email, unique password (so a leak in a log is attributable).</summary>
public sealed record TestUser(string Email, string Password)
{
    public static TestUser Create(string prefix = "user") =>
        new($"{prefix}-{Guid.NewGuid():N}@example.test", $"Pw {Guid.NewGuid():N}!");
}
