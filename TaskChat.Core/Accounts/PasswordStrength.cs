using Zxcvbn.Matcher;

namespace TaskChat.Core.Accounts;

/// <summary>
/// Judges a password with zxcvbn (common-password, word and name lists, keyboard patterns,
/// sequences, dates) given the account's email, so passwords built on it score low too.
/// </summary>
public static class PasswordStrength
{
    /// <summary>zxcvbn's "safely unguessable" (≈10⁸ guesses and up): what an account needs.</summary>
    public const int MinimumScore = 3;

    /// <summary>
    /// zxcvbn's work grows faster than the length (≈100 ms at 64 characters): only this many are
    /// scored, so a long password cannot be used to burn server time. 40 characters of a strong
    /// password are strong on their own.
    /// </summary>
    public const int ScoredLength = 40;

    // The English dictionaries and the matchers are built once (≈1 s); evaluation is thread-safe.
    private static readonly Zxcvbn.Zxcvbn Estimator = new();

    public static PasswordVerdict Assess(string password, string? email)
    {
        var scored = password.Length > ScoredLength ? password[..ScoredLength] : password;
        var hints = EmailHints(email);
        var result = Estimator.EvaluatePassword(scored, hints);

        if (result.Score >= MinimumScore) return new PasswordVerdict(result.Score, true, null);
        return new PasswordVerdict(result.Score, false, WhyWeak(result.MatchSequence) +
            " Use a longer password, for example three or four unrelated words.");
    }

    /// <summary>The email, its local part and that part's pieces ("ada.lovelace" → "ada", "lovelace").</summary>
    private static string[] EmailHints(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return ["taskchat"];
        var local = email.Split('@')[0];
        var pieces = local.Split(['.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries);
        return [email, local, .. pieces, "taskchat"];
    }

    /// <summary>
    /// This zxcvbn port gives no feedback text, so the reason is a piece the password was found to
    /// be made of, in the words of zxcvbn's own warnings: the email or a common password first
    /// (the most useful thing to hear), otherwise the most guessable piece.
    /// </summary>
    private static string WhyWeak(IEnumerable<Zxcvbn.Match> matches)
    {
        static int Telling(Zxcvbn.Match m) => m is DictionaryMatch { DictionaryName: var name } ? name switch { "user_inputs" => 0, "passwords" => 1, _ => 2 } : 2;
        foreach (var match in matches.OrderBy(Telling).ThenBy(m => m.Entropy))
        {
            switch (match)
            {
                case DictionaryMatch { DictionaryName: "user_inputs" }:
                    return "It is built on your email address, which anyone can guess.";
                case DictionaryMatch { DictionaryName: "passwords" }:
                    return "It is one of the most common passwords.";
                case DictionaryMatch { DictionaryName: "male_names" or "female_names" or "surnames" }:
                    return "Names on their own are easy to guess.";
                case DictionaryMatch:
                    return "Common words on their own are easy to guess.";
                case RepeatMatch:
                    return "Repeated characters like \"aaa\" are easy to guess.";
                case SequenceMatch:
                    return "Sequences like \"abc\" or \"6543\" are easy to guess.";
                case SpatialMatch:
                    return "Keyboard patterns like \"qwerty\" are easy to guess.";
                case DateMatch:
                    return "Dates and years are easy to guess.";
            }
            if (match.Pattern is "year") return "Dates and years are easy to guess.";
        }
        return "It is too short or too simple to resist guessing.";
    }
}
