using Mailroom.Data;
using Mailroom.Users;
using Mailroom.Web.Api;
using Mailroom.Web.Users.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Users;

internal static class IdentityServiceCollectionExtensions
{
    /// <summary>The scheme every request authenticates with: a bearer token when one is sent, else the sign-in cookie.</summary>
    public const string CookieOrBearerScheme = "Mailroom.CookieOrBearer";

    /// <summary>
    /// ASP.NET Core Identity on <see cref="MailroomDbContext"/>: cookie sign-in for the pages, bearer tokens for the API,
    /// and every endpoint requires a signed-in user unless it opts out with AllowAnonymous.
    /// </summary>
    public static IServiceCollection AddMailroomIdentity(this IServiceCollection services)
    {
        services.AddOptions<UserSecurityOptions>()
            .BindConfiguration(UserSecurityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddAuthentication(CookieOrBearerScheme)
            .AddPolicyScheme(CookieOrBearerScheme, "Bearer token or sign-in cookie", policy =>
                policy.ForwardDefaultSelector = context =>
                    context.Request.HasBearerToken() ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, bearer => bearer.Events.OnMessageReceived = SessionValidation.ValidateBearerAsync)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "Mailroom.Session";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/sign-in";
            cookie.LogoutPath = "/sign-out";
            cookie.AccessDeniedPath = "/error/403";
            // API callers get a status code, never a redirect to an HTML page.
            cookie.Events.OnValidatePrincipal = SessionValidation.ValidateCookieAsync;
            cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<MailroomUser>()
            .AddSignInManager<SessionSignInManager>()
            .AddEntityFrameworkStores<MailroomDbContext>()
            .AddErrorDescriber<FriendlyIdentityErrors>()
            .AddPasswordValidator<PasswordVarietyValidator>()
            .AddPasswordValidator<PasswordStrengthValidator>();

        services.AddOptions<IdentityOptions>().Configure<IOptions<UserSecurityOptions>>((identity, security) =>
        {
            identity.User.RequireUniqueEmail = true;
            // The user name is the email address, which the email rules already check.
            identity.User.AllowedUserNameCharacters = "";
            identity.Password.RequiredLength = security.Value.RequiredPasswordLength;
            identity.Password.RequiredUniqueChars = 5;
            identity.Password.RequireDigit = false;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            // Lockout is per client address (SignInLockouts), so a stranger cannot lock the owner out.
            identity.Lockout.AllowedForNewUsers = false;
        });

        services.AddScoped<PasswordSignIn>();
        services.AddScoped<UserTimeZone>();
        services.AddSingleton<SignInLockouts>();
        services.AddScoped<UserSessions>();
        services.Configure<SecurityStampValidatorOptions>(validator =>
            // Identity re-issues the cookie's principal now and then; the session it belongs to must come along.
            validator.OnRefreshingPrincipal = context =>
            {
                var sessionClaims = context.CurrentPrincipal?.Claims.Where(c => c.Type is SessionClaims.SessionId or SessionClaims.RefreshGeneration) ?? [];
                context.NewPrincipal?.Identities.First().AddClaims(sessionClaims);
                return Task.CompletedTask;
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int statusCode)
    {
        if (context.Request.IsApiRequest())
        {
            context.Response.StatusCode = statusCode;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
