using TaskChat.Core.Text;

namespace TaskChat.Core.Connections;

public static class AccessTokenRules
{
    public const int NameMaxLength = 60;
    /// <summary>Enough for every client a person uses; a bound on what one account can make.</summary>
    public const int MaxTokensPerUser = 20;
    /// <summary>Recognisable in a config file or a leaked-secret scan.</summary>
    public const string SecretPrefix = "tcp_";

    public static string Name(string? value)
    {
        var name = string.Join(' ', (value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (name.Length == 0) throw new AccessTokenException("Give the token a name, such as the app that will use it.");
        if (name.Length > NameMaxLength) throw new AccessTokenException($"The name must be at most {NameMaxLength} characters (it has {name.Length}).");
        if (name.Any(char.IsControl)) throw new AccessTokenException("The name cannot contain control characters.");
        if (DirectionControls.AnyIn(name)) throw new AccessTokenException(DirectionControls.Message("The name"));
        return name;
    }
}
