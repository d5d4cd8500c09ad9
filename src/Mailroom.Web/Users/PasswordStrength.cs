using Zxcvbn.Matcher;

namespace Mailroom.Web.Users;

/// <summary>
/// How guessable a password is, by zxcvbn (common passwords, dictionary words and names, keyboard patterns, sequences,
/// repeats, dates, the user's own email), with the main weakness in words.
/// </summary>
internal static class PasswordStrength
{
    /// <summary>zxcvbn's scale is 0-4; 3 means "safely unguessable" for an online attack with throttling.</summary>
    public const int RequiredScore = 3;

    public static (int Score, string? Reason) Evaluate(string password, string? email)
    {
        ArgumentNullException.ThrowIfNull(password);
        var inputs = (email ?? "").Split(['@', '.', '-', '_', '+'], StringSplitOptions.RemoveEmptyEntries).Append(email ?? "");
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, inputs);
        return (result.Score, result.Score >= RequiredScore ? null : Reason(result.MatchSequence));
    }

    private static string Reason(IEnumerable<Zxcvbn.Match> matches)
    {
        // The longest recognised piece is what a guesser would try first.
        var main = matches.Where(m => m.Pattern != "bruteforce").OrderByDescending(m => m.Token.Length).FirstOrDefault();
        return main switch
        {
            DictionaryMatch { DictionaryName: "passwords" } => "It is built on one of the most common passwords.",
            DictionaryMatch { DictionaryName: "user_inputs" } => "It contains your email address or a part of it.",
            DictionaryMatch { DictionaryName: "male_names" or "female_names" or "surnames" } => "It is built on a common name.",
            DictionaryMatch => "It is built on a common word; add more words or characters that don't belong together.",
            SpatialMatch => "It follows a keyboard pattern (like qwerty), which is among the first things guessed.",
            SequenceMatch => "It contains a sequence like abc or 1234, which is easy to guess.",
            RepeatMatch => "It repeats characters, which is easy to guess.",
            DateMatch => "It contains a date or a year, which is easy to guess.",
            _ => "It is too short or too simple; a few unrelated words make a strong password.",
        };
    }
}
