using Mailroom.Fetching;
using Mailroom.Web.Operations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Pages.Admin;

[Authorize(Policy = AdministratorPolicy.Name)]
internal sealed class FetchingModel(FetchOverviewReader reader, IOptionsMonitor<FetchingOptions> options) : PageModel
{
    public FetchOverview Overview { get; private set; } = null!;

    public TimeSpan PollInterval => options.CurrentValue.PollInterval;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Overview = await reader.ReadAsync(cancellationToken);
}
