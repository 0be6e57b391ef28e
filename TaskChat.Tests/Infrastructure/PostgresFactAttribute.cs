namespace TaskChat.Tests.Infrastructure;

/// <summary>A test that needs PostgreSQL: skipped with the reason without it, unless TASKCHAT_REQUIRE_POSTGRES=1 (CI).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = SkipReason;

    internal const string MissingReason =
        "PostgreSQL not found (/usr/lib/postgresql/*/bin/postgres, and the postgres user when running as root): install Debian's postgresql. " +
        "Set TASKCHAT_REQUIRE_POSTGRES=1 to fail instead.";

    internal static string? SkipReason =>
        !PostgresServer.Available && Environment.GetEnvironmentVariable("TASKCHAT_REQUIRE_POSTGRES") != "1" ? MissingReason : null;
}
