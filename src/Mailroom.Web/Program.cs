using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.Fetching;
using Mailroom.Network;
using Mailroom.Sending.SystemMail;
using Mailroom.Web.Api.Accounts;
using Mailroom.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddMailroomDatabase(builder.Configuration);
builder.Services.AddMailroomHosting();
builder.Services.AddMailroomNetwork();
builder.Services.AddMailroomSystemMail();
builder.Services.AddMailroomAccounts();
builder.Services.AddMailroomFetching();
builder.Services.AddRazorPages();

var app = builder.Build();

await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);

app.UseStaticFiles();
app.UseRouting();
app.MapMailroomHealth();
app.MapRazorPages();
app.MapAccountsApi();

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
