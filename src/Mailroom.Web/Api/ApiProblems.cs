namespace Mailroom.Web.Api;

/// <summary>Problem details (RFC 9457) with a machine-readable <c>kind</c>, the shape every error of the newer endpoints has.</summary>
internal static class ApiProblems
{
    public static IResult NotFound(string what) => Problem(StatusCodes.Status404NotFound, "not-found", $"{what} not found.",
        $"There is no {what.ToLowerInvariant()} with this id that you can see.");

    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) => TypedResults.ValidationProblem(
        errors, title: "Some fields need attention.", type: "https://mailroom.invalid/problems/validation",
        extensions: new Dictionary<string, object?> { ["kind"] = "validation" });

    public static IResult BadRequest(string kind, string title, string? detail = null) => Problem(StatusCodes.Status400BadRequest, kind, title, detail);

    public static IResult Problem(int status, string kind, string title, string? detail = null) => TypedResults.Problem(
        title: title, detail: detail, statusCode: status, type: $"https://mailroom.invalid/problems/{kind}",
        extensions: new Dictionary<string, object?> { ["kind"] = kind });
}
