namespace TaskChat.Tests.Infrastructure;

/// <summary>The accounts tests make: a fresh address each, all with one password the app's strength check accepts.</summary>
public static class TestAccounts
{
    public const string Password = "correct horse battery";

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";
}
