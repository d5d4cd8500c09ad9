using Mailroom.Clients;

namespace Mailroom.Web.Clients;

/// <summary>The client form: emails and domains are typed one per line (commas and spaces work too).</summary>
internal sealed class ClientForm
{
    public string Name { get; set; } = "";

    public string? ExternalId { get; set; }

    public string Emails { get; set; } = "";

    public string Domains { get; set; } = "";

    public ClientInput ToInput() => new(Name, ExternalId, Split(Emails), Split(Domains));

    public static ClientForm Of(ClientRecord client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ClientForm
        {
            Name = client.Name,
            ExternalId = client.ExternalId,
            Emails = string.Join('\n', client.Emails),
            Domains = string.Join('\n', client.Domains),
        };
    }

    /// <summary>Moves validation errors (keyed name, externalId, emails, domains) onto the form's fields.</summary>
    public static void AddErrors(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string prefix, IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError($"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}", message);
            }
        }
    }

    private static string[] Split(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
