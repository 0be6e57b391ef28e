using System.Net;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.TestAccounts;

namespace TaskChat.Tests.Web;

/// <summary>
/// The documented move from one machine to several, as an operator runs it: the real app binary's
/// copy-to-postgres command on a real install's SQLite file, then the app on PostgreSQL.
/// </summary>
public sealed class CopyToPostgresCommandTests
{
    private const string Command = "copy-to-postgres";

    [PostgresFact]
    public async Task An_install_moves_to_PostgreSQL_with_its_users_still_signed_in_and_a_second_run_is_refused()
    {
        var server = await PostgresServer.SharedAsync();
        var target = await server.CreateDatabaseAsync(migrated: false);
        var home = Directory.CreateTempSubdirectory("taskchat-home-").FullName;
        try
        {
            await using var before = await AppServer.StartAsync();
            var cookies = new CookieContainer();
            var email = NewEmail();
            using (var client = new FormClient(before, cookies: cookies))
            {
                await client.RegisterAsync(email, Password);
                Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
            }
            await before.AddTaskAsync(email, "Made before the move");
            await before.StopAsync(graceful: true);
            var sqlite = new Dictionary<string, string> { ["ConnectionStrings:Default"] = $"Data Source={before.DatabasePath}" };

            var copy = await AppServer.RunCommandAsync(sqlite, Command, target);

            Assert.True(copy.ExitCode == 0, copy.Output + copy.Errors);
            Assert.Matches(@"Tasks\s+1\s+1", copy.Output);
            Assert.Matches(@"DataProtectionKeys\s+1\s+1", copy.Output);
            Assert.Contains("Every table matches", copy.Output);
            Assert.DoesNotContain("Password", copy.Output);

            // Its own home folder: the keys can only come from the database.
            await using var after = await AppServer.StartAsync(AppServer.OnPostgres(target, new Dictionary<string, string> { ["HOME"] = home }));
            using (var client = new FormClient(after, cookies: cookies))
                Assert.Contains("Made before the move", await client.GetStringAsync("/"));

            var again = await AppServer.RunCommandAsync(sqlite, Command, target);
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("Nothing was copied. The target database is not empty", again.Errors);
        }
        finally
        {
            await server.DropDatabaseAsync(target);
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Wrong_use_says_how_and_a_missing_source_or_an_install_already_on_PostgreSQL_is_refused()
    {
        var usage = await AppServer.RunCommandAsync(new Dictionary<string, string>(), Command);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("Usage: dotnet run --project TaskChat.Web -- copy-to-postgres", usage.Errors);

        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "taskchat.db");
        var noSource = await AppServer.RunCommandAsync(new Dictionary<string, string> { ["ConnectionStrings:Default"] = $"Data Source={missing}" }, Command, "Host=127.0.0.1;Database=x");
        Assert.Equal(1, noSource.ExitCode);
        Assert.Contains($"There is no SQLite database at {missing}", noSource.Errors);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)), "a refused copy must not create the source's folder");

        var onPostgres = await AppServer.RunCommandAsync(AppServer.OnPostgres("Host=127.0.0.1;Database=x"), Command, "Host=127.0.0.1;Database=y");
        Assert.Equal(1, onPostgres.ExitCode);
        Assert.Contains("already runs on PostgreSQL", onPostgres.Errors);

        var badTarget = await AppServer.RunCommandAsync(new Dictionary<string, string>(), Command, "Database=x");
        Assert.Equal(1, badTarget.ExitCode);
        Assert.Contains("The target must name the server (Host=…) and the database (Database=…)", badTarget.Errors);
    }

}
