namespace TaskChat.Core.Accounts;

/// <summary>How guessable a password is: zxcvbn's score (0–4), whether it is accepted, and why not.</summary>
public sealed record PasswordVerdict(int Score, bool Acceptable, string? Reason)
{
    public string Label => Score switch
    {
        0 => "Very weak",
        1 => "Weak",
        2 => "Fair",
        3 => "Strong",
        _ => "Very strong",
    };
}
