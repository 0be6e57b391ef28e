using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.TestAccounts;

namespace TaskChat.Tests.Web;

/// <summary>
/// The real app on PostgreSQL: it migrates an empty database at start-up, and two instances on it
/// act as one (a sign-in made on one is valid on the other, and after a restart, because the keys
/// are in the database). /health reports that database.
/// </summary>
public sealed class PostgresAppHttpTests
{
    [PostgresFact]
    public async Task Two_instances_on_one_database_share_sign_ins_and_tasks_also_after_a_restart()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync(migrated: false);
        try
        {
            // A home folder each, as on two machines: without keys in the database, ASP.NET Core
            // would fall back to ~/.aspnet/DataProtection-Keys, which two processes here would share.
            await using var first = await AppServer.StartAsync(AppServer.OnPostgres(connectionString, OwnHome()));
            await using var second = await AppServer.StartAsync(AppServer.OnPostgres(connectionString, OwnHome()));
            var cookies = new CookieContainer();
            var email = NewEmail();
            using (var onFirst = new FormClient(first, cookies: cookies))
            {
                Assert.Equal(HttpStatusCode.Redirect, (await onFirst.RegisterAsync(email, Password)).StatusCode);
                Assert.Equal(HttpStatusCode.Redirect, (await onFirst.SignInAsync(email, Password)).StatusCode);
            }
            await first.AddTaskAsync(email, "Shared through PostgreSQL");

            // Cookies are per host, not per port: the same jar carries the sign-in to the other instance.
            using (var onSecond = new FormClient(second, cookies: cookies))
                Assert.Contains("Shared through PostgreSQL", await onSecond.GetStringAsync("/"));

            await first.RestartAsync();
            using var afterRestart = new FormClient(first, cookies: cookies);
            Assert.Contains("Shared through PostgreSQL", await afterRestart.GetStringAsync("/"));
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
            foreach (var home in homes) Directory.Delete(home, recursive: true);
        }
    }

    [PostgresFact]
    public async Task Health_reports_the_database_and_503_once_it_is_gone()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync(migrated: false);
        await using var app = await AppServer.StartAsync(AppServer.OnPostgres(connectionString));
        using var http = app.CreateClient();
        var healthy = await http.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("healthy", (await healthy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("database").GetString());

        await server.DropDatabaseAsync(connectionString);
        var response = await http.GetAsync("health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("database").GetString());
    }

    private readonly List<string> homes = [];

    private Dictionary<string, string> OwnHome()
    {
        homes.Add(Directory.CreateTempSubdirectory("taskchat-home-").FullName);
        return new() { ["HOME"] = homes[^1] };
    }

}
