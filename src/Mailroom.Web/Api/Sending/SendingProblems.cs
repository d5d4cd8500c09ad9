using Mailroom.Network;

namespace Mailroom.Web.Api.Sending;

/// <summary>SMTP verdicts and refused input as RFC 9457 problem details, with the verdict's machine-readable kind and reason.</summary>
internal static class SendingProblems
{
    public static IResult Verdict(ConnectionVerdict verdict, int statusCode = StatusCodes.Status422UnprocessableEntity) => Results.Problem(
        title: verdict.Title,
        detail: verdict.Message,
        statusCode: statusCode,
        type: $"https://mailroom.invalid/problems/smtp/{verdict.Kind}",
        extensions: new Dictionary<string, object?>
        {
            ["kind"] = verdict.Kind,
            ["reason"] = verdict.Reason,
            ["message"] = verdict.Message,
            ["guidance"] = verdict.Guidance,
            ["passwordOutdated"] = verdict.PasswordOutdated,
        });

    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors.ToDictionary(e => JsonName(e.Key), e => e.Value), title: "Some fields need attention.");

    private static string JsonName(string property) => char.ToLowerInvariant(property[0]) + property[1..];
}
