using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Mailroom.Accounts;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.Reading;
using Mailroom.Sending.Queue;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.IntegrationTests.Security;

/// <summary>
/// Every page and endpoint that takes an account, message, sender-address or queued-message id answers 404 for another user's id, and
/// every one that takes an account id answers 404 for the user's own deleted account (the tombstone kept for its mail),
/// exactly like a missing one. The routes are read from the app's EndpointDataSource: a new endpoint is covered the day
/// it is mapped, and an id parameter this test cannot classify fails it.
/// </summary>
public abstract class OwnershipTests(MailroomAppFactory app)
{
    private static readonly DateTimeOffset Sent = new(2026, 3, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EveryRouteUnderAnId_AnswersNotFound_ForAnotherUsersIdAndForADeletedAccount()
    {
        var owner = TestUser.Create("owner");
        using var ownerPages = await PageSession.SignUpAsync(app, owner);
        var ownerId = await MessageSeeder.UserIdAsync(app, owner);
        var account = await MessageSeeder.AddAccountAsync(app, ownerId, "Owner's work");
        var message = await MessageSeeder.AddMessageAsync(app, account, ownerId, "Alice <alice@example.test>", "Private", Sent);
        var address = await MessageSeeder.AddVerifiedSenderAsync(app, ownerId, account, $"owner-{Guid.NewGuid():N}@example.test");
        var queued = await AddUndoneMessageAsync(ownerId, address, account);

        var stranger = TestUser.Create("stranger");
        using var strangerPages = await PageSession.SignUpAsync(app, stranger);
        var strangerId = await MessageSeeder.UserIdAsync(app, stranger);
        var deleted = await MessageSeeder.AddAccountAsync(app, strangerId, "Old job");
        await MessageSeeder.AddMessageAsync(app, deleted, strangerId, "Bob <bob@example.test>", "Kept after deleting", Sent);
        await app.WithDbContextAsync(db => db.Pop3Accounts.Where(a => a.Id == deleted)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.State, AccountState.Deleted)));
        using var strangerApi = app.CreateHttpClient();
        strangerApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiSession.LoginAsync(app, stranger));
        var antiforgery = PageSession.AntiforgeryToken(await strangerPages.GetStringAsync(new Uri("settings/mail/accounts/add", UriKind.Relative)));

        var routes = IdRoute.All(app.Services.GetRequiredService<EndpointDataSource>());
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var ids = route.Kind switch
            {
                IdKind.Account => new[] { ("another user's account", account.ToString()), ("a deleted account", deleted.ToString()) },
                IdKind.Message => [("another user's message", message.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                IdKind.QueuedMessage => [("another user's queued message", queued.ToString())],
                _ => [("another user's address", address.ToString())],
            };
            foreach (var (what, id) in ids)
            {
                using var request = route.Request(id, antiforgery);
                using var response = await (route.IsPage ? strangerPages : strangerApi).SendAsync(request);
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"{request.Method} {request.RequestUri} with {what} answered {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        // The enumeration itself is checked: each kind of id is found on pages and in the API.
        foreach (var kind in Enum.GetValues<IdKind>())
        {
            Assert.Contains(routes, route => route.Kind == kind && route.IsPage);
            Assert.Contains(routes, route => route.Kind == kind && !route.IsPage);
        }

        // For contrast, the owner reads every GET route with their own ids.
        foreach (var route in routes.Where(route => route.IsPage && route.Method == HttpMethod.Get))
        {
            var id = route.Kind switch
            {
                IdKind.Account => account.ToString(),
                IdKind.Message => message.ToString(System.Globalization.CultureInfo.InvariantCulture),
                IdKind.QueuedMessage => queued.ToString(),
                _ => address.ToString(),
            };
            using var request = route.Request(id, antiforgery);
            using var response = await ownerPages.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{request.RequestUri} (owner) answered {(int)response.StatusCode}");
        }
    }

    /// <summary>A message the owner undid: the outbox shows it and compose reopens it, and no worker will send it.</summary>
    private Task<Guid> AddUndoneMessageAsync(string ownerId, Guid address, Guid account) => app.WithDbContextAsync(async db =>
    {
        var queued = db.QueuedMessages.Add(new QueuedMessage
        {
            Id = Guid.NewGuid(),
            OwnerId = ownerId,
            SenderAddressId = address,
            FiledUnderAccountId = account,
            MessageIdHeader = $"{Guid.NewGuid():N}@example.test",
            Subject = "Undone",
            Recipients = "alice@example.test",
            Content = "Subject: Undone\r\n\r\nLater.\r\n"u8.ToArray(),
            CreatedAt = Sent,
            DueAt = Sent.AddSeconds(10),
            State = QueuedMessageState.Cancelled,
        });
        await db.SaveChangesAsync();
        return queued.Entity.Id;
    });

    private enum IdKind
    {
        Account,
        Message,
        SenderAddress,
        QueuedMessage,
    }

    /// <summary>One method of one route whose id names an account, a message or a sender address.</summary>
    private sealed record IdRoute(HttpMethod Method, string Template, string IdName, bool InRoute, IdKind Kind, bool IsPage, string? Handler, string? Body)
    {
        /// <summary>Values for the other parameters, so that a request is refused for its id and not for a missing value.</summary>
        private static readonly Dictionary<string, string> QueryValues = new(StringComparer.OrdinalIgnoreCase)
        {
            ["fetchedMail"] = "keep",
            ["target"] = "address",
            ["index"] = "0",
        };

        public static List<IdRoute> All(EndpointDataSource endpoints) =>
            [.. endpoints.Endpoints.OfType<RouteEndpoint>().SelectMany(Classify).DistinctBy(route => (route.Method, route.Template, route.Handler, route.IdName))];

        public HttpRequestMessage Request(string id, string antiforgery)
        {
            var path = Template;
            var query = new List<string>();
            foreach (var name in QueryValues.Keys.Where(name => path.Contains('{' + name, StringComparison.OrdinalIgnoreCase)))
            {
                path = ReplaceParameter(path, name, QueryValues[name]);
            }

            path = InRoute ? ReplaceParameter(path, IdName, id) : path;
            if (!InRoute)
            {
                query.Add($"{IdName}={id}");
            }

            if (Handler is not null)
            {
                query.Add($"handler={Handler}");
            }

            query.AddRange(QueryValues.Select(pair => $"{pair.Key}={pair.Value}"));
            var request = new HttpRequestMessage(Method, new Uri(path.TrimStart('/') + "?" + string.Join('&', query), UriKind.Relative));
            if (IsPage && Method != HttpMethod.Get)
            {
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery });
            }
            else if (Body is not null)
            {
                request.Content = new StringContent(Body, Encoding.UTF8, "application/json");
            }

            return request;
        }

        private static string ReplaceParameter(string template, string name, string value)
        {
            var start = template.IndexOf('{' + name, StringComparison.OrdinalIgnoreCase);
            return start < 0 ? template : template[..start] + value + template[(template.IndexOf('}', start) + 1)..];
        }

        private static IEnumerable<IdRoute> Classify(RouteEndpoint endpoint)
        {
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (template.Contains("/clients", StringComparison.Ordinal))
            {
                // Everything under a client is the workspace's, not one user's: Clients/ClientsApiTests and
                // Clients/SharedAccountTests prove another workspace gets 404 there.
                yield break;
            }

            if (endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page)
            {
                var bound = page.BoundProperties.Select(p => (Name: p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType)).ToList();
                foreach (var handler in page.HandlerMethods)
                {
                    var method = new HttpMethod(handler.HttpMethod.ToUpperInvariant());
                    // A property bound from the query (SupportsGet) is what the GET shows; a POST handler acts on its own
                    // parameters, its form and the route, so only those name what it acts on.
                    var boundHere = method == HttpMethod.Get ? bound : bound.Where(p => routeNames.Contains(p.Name));
                    var parameters = handler.Parameters.Select(p => (p.Name, p.ParameterType)).Concat(boundHere);
                    foreach (var (name, type) in parameters.Where(p => IsId(p.Item2)))
                    {
                        if (KindOf(name, template) is { } kind)
                        {
                            yield return new IdRoute(method, template, name, routeNames.Contains(name), kind, IsPage: true, handler.Name, Body: null);
                        }
                    }
                }

                yield break;
            }

            var handlerMethod = endpoint.Metadata.GetMetadata<MethodInfo>();
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            if (handlerMethod is null)
            {
                yield break;
            }

            var body = handlerMethod.GetParameters().FirstOrDefault(p => p.ParameterType.IsClass && p.ParameterType != typeof(string)
                && p.ParameterType.Namespace?.StartsWith("Mailroom", StringComparison.Ordinal) == true);
            foreach (var parameter in handlerMethod.GetParameters().Where(p => IsId(p.ParameterType)))
            {
                if (KindOf(parameter.Name!, template) is not { } kind)
                {
                    continue;
                }

                foreach (var method in methods)
                {
                    yield return new IdRoute(new HttpMethod(method), template, parameter.Name!, routeNames.Contains(parameter.Name!),
                        kind, IsPage: false, Handler: null, body is null ? null : SampleBody(body.ParameterType));
                }
            }
        }

        private static bool IsId(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(Guid) || t == typeof(long));

        /// <returns>What the id names; null for a client, which belongs to a workspace rather than a user
        /// (Clients/ClientsApiTests.AnotherWorkspacesClient_IsNotFound_ThroughEveryEndpoint_AndIsNotChanged covers those),
        /// and for a sign-in session.</returns>
        private static IdKind? KindOf(string name, string template) => name.ToLowerInvariant() switch
        {
            "accountid" or "account" => IdKind.Account,
            "replyto" or "messageid" => IdKind.Message,
            "addressid" => IdKind.SenderAddress,
            "id" when template.Contains("/messages", StringComparison.Ordinal) => IdKind.Message,
            "id" when template.Contains("/accounts", StringComparison.Ordinal) => IdKind.Account,
            "undone" => IdKind.QueuedMessage,
            "id" when template.Contains("outbox", StringComparison.Ordinal) => IdKind.QueuedMessage,
            "id" when template.Contains("send-as", StringComparison.Ordinal) || template.Contains("sender-addresses", StringComparison.Ordinal) => IdKind.SenderAddress,
            "id" or "clientid" when template.Contains("/clients", StringComparison.Ordinal) => null,
            // A sign-in session: ending one is a no-op unless it is the user's own (UserSessions ends by user id), and
            // answers the same either way, so that a session id says nothing about whose it is.
            "id" when template == "/settings/account" => null,
            // A position in the caller's own event stream, which only ever reads the caller's events: it names no row.
            "after" when template == "/api/events" => null,
            _ => throw new InvalidOperationException($"{template} takes an id '{name}' this test cannot classify: say here what it names."),
        };

        /// <summary>A valid body for each request type, so that validation is not what refuses the request.</summary>
        private static string SampleBody(Type type) => type.Name switch
        {
            "AccountRequest" => """{"displayName":"Work","emailAddress":"me@example.test","host":"127.0.0.1","port":995,"useSsl":true,"userName":"me","password":"secret","afterRetrieval":"keep-on-server"}""",
            "SenderAddressRequest" => """{"address":"me@example.test","displayName":"Me","route":"mailroom"}""",
            "VerifyRequest" => """{"code":"123456","target":"address"}""",
            "ResendRequest" => """{"target":"address"}""",
            _ => "{}",
        };
    }
}

public sealed class OwnershipTestsOnSqlite(SqliteApp app) : OwnershipTests(app), IClassFixture<SqliteApp>;

public sealed class OwnershipTestsOnPostgres(PostgresApp app) : OwnershipTests(app), IClassFixture<PostgresApp>;
