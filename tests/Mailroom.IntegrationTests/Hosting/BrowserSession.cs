using Microsoft.Playwright;

namespace Mailroom.IntegrationTests.Hosting;

/// <summary>One test's browser context and page, with the steps most UI tests start with.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    /// <summary>Signs up through the form and waits for the mail shell.</summary>
    public async Task SignUpAsync(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await Page.GotoAsync("/sign-up");
        await Page.GetByLabel("Email").FillAsync(user.Email);
        await Page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(user.Password);
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create account" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    /// <summary>Fills in and submits the sign-in form; the caller checks the outcome.</summary>
    public async Task SubmitSignInAsync(string email, string password)
    {
        await Page.GotoAsync("/sign-in");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public async Task SignInAsync(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await SubmitSignInAsync(user.Email, user.Password);
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Account menu" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/sign-in");
    }

    public Task<string> ScreenshotAsync(string name) => Screenshots.SaveAsync(Page, name);

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
