using Mailroom.Accounts;
using Mailroom.Network;

namespace Mailroom.Web.Api.Accounts;

/// <summary>Failed tests and refused changes as RFC 9457 problem details, with the verdict's machine-readable kind and reason.</summary>
internal static class AccountProblems
{
    public static IResult Verdict(ConnectionVerdict verdict) => Results.Problem(
        title: verdict.Title,
        detail: verdict.Message,
        statusCode: StatusCodes.Status422UnprocessableEntity,
        type: $"https://mailroom.invalid/problems/account-test/{verdict.Kind}",
        extensions: new Dictionary<string, object?>
        {
            ["kind"] = verdict.Kind,
            ["reason"] = verdict.Reason,
            ["message"] = verdict.Message,
            ["guidance"] = verdict.Guidance,
        });

    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors.ToDictionary(e => JsonName(e.Key), e => e.Value), title: "Some fields need attention.");

    public static IResult FromTest(AccountTestOutcome outcome) => outcome.Status switch
    {
        AccountTestStatus.NotFound => Results.NotFound(),
        AccountTestStatus.Invalid => Invalid(outcome.Errors),
        _ => Verdict(outcome.Verdict!),
    };

    private static string JsonName(string property) => char.ToLowerInvariant(property[0]) + property[1..];
}
