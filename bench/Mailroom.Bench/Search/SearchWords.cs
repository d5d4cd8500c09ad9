namespace Mailroom.Bench.Search;

/// <summary>
/// Words planted in the benchmark mailbox's bodies at known rates, so each search figure is for a known share of
/// 100,000 messages: one in ten, one in a thousand, none; a phrase of two common words that is itself rare; and a
/// word together with a sender it often comes from.
/// </summary>
internal static class SearchWords
{
    /// <summary>In 10 % of messages.</summary>
    public const string Common = "quarterly";

    /// <summary>In 0.1 % of messages.</summary>
    public const string Rare = "zeppelin";

    /// <summary>In no message.</summary>
    public const string Absent = "xylophonist";

    /// <summary>Each word in 11 % of messages, the phrase in 1 %.</summary>
    public const string Phrase = "\"budget review\"";

    /// <summary>Sender index 3 of the filler (one message in eight) with <see cref="Common"/>: 2.5 % of messages.</summary>
    public const string FromAndWord = "from:library quarterly";

    public static string For(int index) =>
        (index % 10 == 3 ? "The quarterly figures are attached. " : "")
        + (index % 1_000 == 7 ? "The zeppelin tour is booked. " : "")
        + (index % 10 == 5 ? "The budget is fine. " : "")
        + (index % 10 == 6 ? "Please review the notes. " : "")
        + (index % 100 == 1 ? "Time for the budget review. " : "");
}
