using Microsoft.Playwright;

namespace Mailroom.IntegrationTests.Hosting;

/// <summary>Screenshots land in test-output/screenshots/ beside the test binaries, for people (and CI artefacts) to look at.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "test-output", "screenshots");

    public static string PathFor(string name)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, name + ".png");
    }

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = PathFor(name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }
}
