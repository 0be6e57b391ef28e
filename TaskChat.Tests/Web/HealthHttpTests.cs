using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Web;

/// <summary>GET /health on the real app process: the live figures, and 503 once the database cannot be read.</summary>
public sealed class HealthHttpTests(AppServerFixture fixture) : IClassFixture<AppServerFixture>
{
    [Fact]
    public async Task A_healthy_app_answers_200_with_its_live_figures()
    {
        using var http = fixture.App.CreateClient();

        var response = await http.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("database").GetString());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("assistant").GetString()));
        var subscriptions = health.GetProperty("subscriptions");
        Assert.Equal((0, 0), (subscriptions.GetProperty("users").GetInt32(), subscriptions.GetProperty("tabs").GetInt32()));
    }

    [Fact]
    public async Task A_database_that_cannot_be_read_makes_it_503_and_still_reports_the_figures()
    {
        var data = Directory.CreateTempSubdirectory("taskchat-health-").FullName;
        try
        {
            var database = Path.Combine(data, "taskchat.db");
            // Unpooled, so the next check opens the file afresh instead of reusing a connection.
            await using var app = await AppServer.StartAsync(
                new Dictionary<string, string> { ["ConnectionStrings:Default"] = $"Data Source={database};Pooling=False" }, data);
            using var http = app.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health")).StatusCode);

            foreach (var sidecar in new[] { "-wal", "-shm" }) File.Delete(database + sidecar);
            await File.WriteAllBytesAsync(database, Enumerable.Repeat((byte)'x', 4096).ToArray());
            var response = await http.GetAsync("health");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var health = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("unhealthy", health.GetProperty("status").GetString());
            Assert.Equal("unhealthy", health.GetProperty("checks").GetProperty("database").GetString());
            Assert.Equal(0, health.GetProperty("subscriptions").GetProperty("tabs").GetInt32());
            Assert.DoesNotContain("not a database", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    [RedisFact]
    public async Task With_redis_set_health_reports_it_and_503_once_it_is_gone()
    {
        var redis = await RedisServer.StartAsync();
        var redisRunning = true;
        try
        {
            await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Sync:Redis"] = redis.Configuration });
            using var http = app.CreateClient();
            var healthy = await http.GetAsync("health");
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            Assert.Equal("healthy", (await healthy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("redis").GetString());

            await redis.DisposeAsync();
            redisRunning = false;

            await Eventually.TrueAsync(async () => (await http.GetAsync("health")).StatusCode == HttpStatusCode.ServiceUnavailable, "/health to answer 503 with Redis gone");
            var health = await (await http.GetAsync("health")).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("unhealthy", "healthy"),
                (health.GetProperty("checks").GetProperty("redis").GetString(), health.GetProperty("checks").GetProperty("database").GetString()));
        }
        finally
        {
            if (redisRunning) await redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_redis_health_does_not_mention_it()
    {
        using var http = fixture.App.CreateClient();
        var health = await (await http.GetAsync("health")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(health.GetProperty("checks").TryGetProperty("redis", out _));
    }
}
