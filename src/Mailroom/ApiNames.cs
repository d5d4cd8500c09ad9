using System.Text.Json;

namespace Mailroom;

/// <summary>
/// The API's one naming of enum values: kebab case, "NameMismatch" as "name-mismatch". The API's JsonStringEnumConverter
/// uses <see cref="Policy"/>, and a value named by hand (a verdict's kind, a status inside a message) uses <see cref="Of"/>.
/// </summary>
internal static class ApiNames
{
    public static JsonNamingPolicy Policy { get; } = JsonNamingPolicy.KebabCaseLower;

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Policy.ConvertName(value.ToString());
}
