using Mailroom.Web.Api.Accounts;
using Mailroom.Web.Api.Clients;
using Mailroom.Web.Api.Fetching;
using Mailroom.Web.Api.Messages;
using Mailroom.Web.Api.SenderAddresses;
using Mailroom.Web.Api.Sending;
using Mailroom.Web.Api.Users;
using Mailroom.Web.Throttling;

namespace Mailroom.Web.Api;

internal static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>Everything under /api, plus its OpenAPI document at /openapi/v1.json. Add one Map call per feature.</summary>
    public static IEndpointRouteBuilder MapMailroomApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi().AllowAnonymous();
        var api = endpoints.MapGroup("/api").RequireRateLimiting(RateLimitPolicies.Api);
        api.MapAuthEndpoints();
        api.MapMeEndpoint();
        api.MapTimeZoneEndpoint();
        api.MapMessagesEndpoints();
        api.MapAccountsEndpoints();
        api.MapFetchEndpoints();
        api.MapSenderAddressEndpoints();
        api.MapSendEndpoint();
        api.MapOutboxEndpoints();
        api.MapClientsEndpoints();
        api.MapWorkspaceEndpoints();
        return endpoints;
    }
}
