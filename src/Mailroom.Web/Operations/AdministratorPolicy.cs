using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Operations;

/// <summary>The "Administrator" policy: a signed-in user whose email is in <see cref="AdministratorsOptions.Emails"/>.</summary>
internal static class AdministratorPolicy
{
    public const string Name = "Administrator";

    public static IServiceCollection AddMailroomAdministrators(this IServiceCollection services)
    {
        services.AddOptions<AdministratorsOptions>().BindConfiguration(AdministratorsOptions.SectionName);
        services.AddSingleton<IAuthorizationHandler, AdministratorHandler>();
        services.AddAuthorizationBuilder().AddPolicy(Name, policy => policy.RequireAuthenticatedUser().AddRequirements(new AdministratorRequirement()));
        return services;
    }

    private sealed class AdministratorRequirement : IAuthorizationRequirement;

    private sealed class AdministratorHandler(IOptionsMonitor<AdministratorsOptions> options) : AuthorizationHandler<AdministratorRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
        {
            var email = context.User.FindFirstValue(ClaimTypes.Email) ?? context.User.FindFirstValue(ClaimTypes.Name);
            if (email is not null && options.CurrentValue.Emails.Contains(email.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
