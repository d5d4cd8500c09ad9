using Mailroom.Accounts;
using Mailroom.Clients;
using Mailroom.Data;
using Mailroom.Fetching;
using Mailroom.Messages;
using Mailroom.Network;
using Mailroom.SenderAddresses;
using Mailroom.Sending;
using Mailroom.Sending.SystemMail;
using Mailroom.Web.Api;
using Mailroom.Web.Hosting;
using Mailroom.Web.Live;
using Mailroom.Web.Messages;
using Mailroom.Web.Operations;

using Mailroom.Web.Search;
using Mailroom.Web.Shell;
using Mailroom.Web.Throttling;
using Mailroom.Web.Users;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddMailroomHosting();
builder.Services.AddMailroomDatabase(builder.Configuration);
builder.Services.AddMailroomDataProtection(builder.Configuration);
builder.Services.AddMailroomNetwork();
builder.Services.AddMailroomSystemMail();
builder.Services.AddMailroomSending();
builder.Services.AddMailroomSenderAddresses();
builder.Services.AddMailroomIdentity();
builder.Services.AddMailroomAccounts();
builder.Services.AddMailroomFetching();
builder.Services.AddMailroomMessages();
builder.Services.AddMailroomSearch();
builder.Services.AddMailroomClients();
builder.Services.AddMailroomPages();
builder.Services.AddMessageContent();
builder.Services.AddMailroomApi();
builder.Services.AddMailroomLive();
builder.Services.AddMailroomMetrics(builder.Configuration);
builder.Services.AddMailroomAdministrators();
builder.Services.AddMailroomRateLimiting();
builder.Services.AddMailroomKeyRingWarmUp();

var app = builder.Build();

await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);

app.UseMailroomHosting();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseMailroomApiAntiforgery();

app.MapMailroomHealth();
app.MapMailroomMetrics();
app.MapMailroomApi();
app.MapLiveEvents();
app.MapMessageContent();
app.MapRazorPages();

await app.RunAsync();

/// <summary>Public, the one exception to internal by default: xunit's public fixtures derive from WebApplicationFactory&lt;Program&gt;.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1515", Justification = "WebApplicationFactory<Program> in public test fixtures")]
public partial class Program;
