namespace Mailroom.Web.Search;

/// <summary>The search syntax as the OpenAPI document describes it (one text, so the document and the parser's summary agree).</summary>
internal static class SearchSyntax
{
    public const string Description = """
        With `q`, the list is a search over message text (plain and HTML parts, any charset), subjects, senders,
        recipients and attachment names. Matching ignores case and accents in every language. The syntax is Gmail's:

        - `renewal contract`: both words, anywhere; `"renewal contract"`: the phrase
        - `renewal OR contract`; `-draft`: without the word
        - `from:alice`, `from:alice@example.com`, `to:` (To or Cc), `cc:`, `subject:`, `filename:invoice.pdf`
        - `has:attachment`, `is:unread`, `is:read`, `in:inbox`, `in:sent`
        - `after:2024/03/01`, `before:2024/04/01` (days in the time zone `tz`), `newer_than:7d`, `older_than:1y` (d, w, m, y)
        - `renew*`: words starting with "renew"; with `partial=true` the last word is taken as such a prefix

        Results keep the list's order (newest sent first) and cursors. The response's `search` gives the number of
        matches (exact up to 10,000), the query in words, and notes on anything that was ignored; each item's
        `snippet` is the text around its first match, with `highlights` (UTF-16 offset and length) marking the words.
        Any text is a valid query: what cannot be understood is searched as words or ignored with a note.
        """;

    public const string Q = "Search words and qualifiers (see the operation's description); empty lists everything.";

    public const string Tz = "The reader's IANA time zone (e.g. Europe/Berlin) for before:/after: dates; UTC when absent or unknown.";

    public const string Partial = "true while the user is still typing: the last word also matches longer words.";
}
