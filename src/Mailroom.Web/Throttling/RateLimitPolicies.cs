using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Mailroom.Web.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Throttling;

/// <summary>
/// ASP.NET Core rate limiting: one named policy per kind of abuse, partitioned by client address or user. A stranger
/// spends only their own address's budget, never the owner's.
/// </summary>
internal static class RateLimitPolicies
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";
    public const string Send = "send";
    public const string Resend = "resend";
    public const string Api = "api";

    public static IServiceCollection AddMailroomRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(SignIn, context => PerClient(context, "sign-in", o => o.SignInsPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(SignUp, context => PerClient(context, "sign-up", o => o.SignUpsPerHour, TimeSpan.FromHours(1)));
            limiter.AddPolicy(Send, context => PerUser(context, "send", o => o.SendsPerHour, TimeSpan.FromHours(1)));
            limiter.AddPolicy(Resend, context => PerUser(context, "resend", o => o.ResendsPerHour, TimeSpan.FromHours(1)));
            limiter.AddPolicy(Api, context => PerUser(context, "api", o => o.ApiRequestsPerMinute, TimeSpan.FromMinutes(1), everyMethod: true));
        });
        return services;
    }

    /// <summary>The address the request came from: after UseForwardedHeaders, the client behind a trusted proxy.</summary>
    public static string ClientAddress(HttpContext context) =>
        context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerClient(HttpContext context, string name, Func<RateLimitOptions, int> limit, TimeSpan window) =>
        Window(context, $"{name}|{ClientAddress(context)}", limit, window, everyMethod: false);

    private static RateLimitPartition<string> PerUser(HttpContext context, string name, Func<RateLimitOptions, int> limit, TimeSpan window, bool everyMethod = false)
    {
        var who = context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? "user:" + userId : "client:" + ClientAddress(context);
        return Window(context, $"{name}|{who}", limit, window, everyMethod);
    }

    /// <summary>Reading a form costs nothing; only what it submits is counted (unless <paramref name="everyMethod"/>).</summary>
    private static RateLimitPartition<string> Window(HttpContext context, string key, Func<RateLimitOptions, int> limit, TimeSpan window, bool everyMethod)
    {
        if (!everyMethod && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            return RateLimitPartition.GetNoLimiter(key);
        }

        var permits = limit(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        return RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = TooManyRequestsMessage(seconds);
        if (context.Request.IsApiRequest())
        {
            await context.Response.WriteAsJsonAsync(new { title = message, status = 429, retryAfterSeconds = seconds }, cancellationToken);
            return;
        }

        // Pages: the status-code page re-executes /error/429, which says the same in full.
        context.Items[TooManyRequestsItem] = message;
    }

    public const string TooManyRequestsItem = "Mailroom.TooManyRequests";

    public static string TooManyRequestsMessage(int seconds) =>
        $"Too many attempts from here in a short time. Wait {(seconds < 90 ? $"{seconds} seconds" : $"{(int)Math.Ceiling(seconds / 60.0)} minutes")} and try again.";
}
