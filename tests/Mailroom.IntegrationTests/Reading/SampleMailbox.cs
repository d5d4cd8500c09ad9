using System.Text;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Reading;

/// <summary>A believable mailbox for the browser tests and screenshots: two accounts, dates from today to last year.</summary>
public sealed record SampleMailbox(Guid Work, Guid Home, IReadOnlyList<long> WorkIds, IReadOnlyList<long> HomeIds, long NewsletterId)
{
    public const string NewsletterSubject = "Product update: what shipped in October";

    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAbUlEQVR42mPQjjxMU8QwasGoBaMWYLPgPwWAWAuwugVuBC6zKLIAzVCsdpBvAS7j0ATJtABXgGD1FskW4DEdUwHJFhA0HTPySbCASNPRUjZp+YCkDEWyBWRkWkoz2qgF9CvsRiucUQtGLaA2AgBYSMCMR2AF3AAAAABJRU5ErkJggg==");

    public static async Task<SampleMailbox> SeedAsync(MailroomAppFactory app, TestUser user)
    {
        var ownerId = await MessageSeeder.UserIdAsync(app, user);
        var work = await MessageSeeder.AddAccountAsync(app, ownerId, "Work");
        var home = await MessageSeeder.AddAccountAsync(app, ownerId, "Home");
        var now = TimeProvider.System.GetUtcNow();
        var workIds = new List<long>
        {
            await MessageSeeder.AddMessageAsync(app, work, ownerId, "Priya Raman <priya@northwind.example>", "Q4 planning: agenda for Thursday", now.AddHours(-1),
                "Hi team,\r\n\r\nHere is the agenda for Thursday: https://wiki.northwind.example/q4-planning\r\n\r\n1. Review of Q3\r\n2. Hiring\r\n\r\nPriya"),
            await MessageSeeder.AddMessageAsync(app, work, ownerId, "Build Bot <ci@northwind.example>", "Nightly build #4812 passed", now.AddHours(-5)),
            await MessageSeeder.AddMessageAsync(app, work, ownerId, "Lena Fischer <lena@contoso.example>", "Re: Contract renewal", now.AddDays(-40),
                "Thanks, the signed copy is attached.\r\n\r\n> Could you send the signed copy?\r\n"),
        };
        var newsletter = await MessageSeeder.AddMessageAsync(app, work, ownerId, Encoding.UTF8.GetBytes(Newsletter(now.AddDays(-3))), now);
        workIds.Add(newsletter);
        var homeIds = new List<long>
        {
            await MessageSeeder.AddMessageAsync(app, home, ownerId, "Mum <mum@family.example>", "Sunday lunch?", now.AddHours(-2),
                "Are you coming on Sunday? Bring the kids!"),
            await MessageSeeder.AddMessageAsync(app, home, ownerId, "City Library <loans@library.example>", "Your loan is due in 3 days", now.AddDays(-12)),
            await MessageSeeder.AddMessageAsync(app, home, ownerId, "Travel Desk <trips@travel.example>", "Your booking confirmation", now.AddDays(-400),
                "Booking reference ABC123."),
        };
        return new SampleMailbox(work, home, workIds, homeIds, newsletter);
    }

    private static string Newsletter(DateTimeOffset sentAt) =>
        $"From: Contoso Product Team <news@contoso.example>\r\nTo: me@example.test\r\nSubject: {NewsletterSubject}\r\nDate: {sentAt:r}\r\n" +
        "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"mixed\"\r\n\r\n" +
        "--mixed\r\nContent-Type: multipart/related; boundary=\"related\"\r\n\r\n" +
        "--related\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
        "<html><head><style>.card{border:1px solid #dde;border-radius:8px;padding:16px;margin:12px 0} h2{color:#2b59c3}</style></head><body>" +
        "<p><img src=\"cid:logo@contoso\" alt=\"logo\" width=\"32\" height=\"32\"> <b>Contoso</b></p>" +
        "<h2>Roadmap for the autumn</h2><div class=\"card\"><p>Faster search, offline mode and a new calendar view.</p>" +
        "<p><img src=\"https://cdn.contoso.example/banner.png\" alt=\"banner\" width=\"240\" height=\"60\"></p>" +
        "<p><a href=\"https://contoso.example/blog/october\">Read the full post</a></p></div></body></html>\r\n" +
        "--related\r\nContent-Type: image/png\r\nContent-ID: <logo@contoso>\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
        Convert.ToBase64String(Png) + "\r\n--related--\r\n" +
        "--mixed\r\nContent-Type: application/pdf; name=\"october-release-notes.pdf\"\r\nContent-Disposition: attachment; filename=\"october-release-notes.pdf\"\r\n" +
        "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK\r\n--mixed--\r\n";
}
