using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskChat.Core.Assistant;
using TaskChat.Core.Data;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Web;

/// <summary>A bad setting stops the app at start-up, naming the key; the defaults pass.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Database:BusyTimeoutMs", "-1", "Database:BusyTimeoutMs must be between 0 and 600000 milliseconds.")]
    [InlineData("ConnectionStrings:Default", "Data Source=:memory:", "ConnectionStrings:Default must name a database file")]
    [InlineData("Assistant:MaxToolRounds", "1", "Assistant:MaxToolRounds must be between 2 and 100.")]
    [InlineData("Assistant:InterruptAfterSeconds", "5", "Assistant:InterruptAfterSeconds (5) must be at least 3 × Assistant:SnapshotSeconds (2)")]
    [InlineData("Accounts:LockoutMinutes", "0", "Accounts:LockoutMinutes must be between 1 and 1440 minutes.")]
    [InlineData("Accounts:MaxLockoutMinutes", "0", "Accounts:MaxLockoutMinutes must be between 1 and 10080 minutes.")]
    [InlineData("Accounts:LockoutMinutes", "90", "Accounts:MaxLockoutMinutes (60) must be at least Accounts:LockoutMinutes (90).")]
    [InlineData("RateLimits:SignInsPerMinute", "0", "RateLimits:SignInsPerMinute must be between 1 and 100000.")]
    [InlineData("RateLimits:RegistrationsPerHour", "-1", "RateLimits:RegistrationsPerHour must be between 1 and 100000.")]
    [InlineData("RateLimits:PasswordChecksPerMinute", "0", "RateLimits:PasswordChecksPerMinute must be between 1 and 100000.")]
    [InlineData("RateLimits:WindowSeconds", "-5", "RateLimits:WindowSeconds must be between 0 and 86400 seconds.")]
    [InlineData("Hosting:KnownProxies", "10.0.0.1, proxy.example", "Hosting:KnownProxies: \"proxy.example\" is not an IP address.")]
    [InlineData("Hosting:HstsMaxAgeDays", "731", "Hosting:HstsMaxAgeDays must be between 0 and 730 days (0 turns HSTS off).")]
    [InlineData("Hosting:MaxCircuitsPerUser", "0", "Hosting:MaxCircuitsPerUser must be between 1 and 10000.")]
    [InlineData("Sync:Redis", "localhost,nosuchoption=1", "Sync:Redis is not a Redis configuration string")]
    [InlineData("Database:Provider", "SqlServer", "Database:Provider must be Sqlite or Postgres, not 'SqlServer'.")]
    public async Task The_app_refuses_to_start_with_a_bad_setting_and_names_it(string key, string value, string message)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AppServer.StartAsync(new Dictionary<string, string> { [key] = value }));

        Assert.StartsWith("The app exited", failure.Message);
        Assert.Contains(message, failure.Message);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();

        var database = DatabaseOptions.AddTo(services, configuration);
        services.AddOptions<AssistantOptions>().ValidateDataAnnotations();

        Assert.Equal((DatabaseOptions.DefaultConnectionString, 5000), (database.ConnectionString, database.BusyTimeoutMs));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(8, provider.GetRequiredService<IOptions<AssistantOptions>>().Value.MaxToolRounds);
    }

    [Fact]
    public void A_setting_needed_while_services_are_built_is_checked_there_too()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Database:BusyTimeoutMs", "-1")])
            .Build();

        var failure = Assert.Throws<OptionsValidationException>(() => DatabaseOptions.AddTo(new ServiceCollection(), configuration));

        Assert.Contains("Database:BusyTimeoutMs must be between 0 and 600000 milliseconds.", failure.Message);
    }

    [Theory]
    [InlineData("Mysql", null, "Database:Provider must be Sqlite or Postgres, not 'Mysql'.")]
    [InlineData("1", null, "Database:Provider must be Sqlite or Postgres, not '1'.")]
    [InlineData("Postgres", null, "ConnectionStrings:Default is required with Database:Provider Postgres")]
    [InlineData("Postgres", "Data Source=data/taskchat.db", "ConnectionStrings:Default is not a PostgreSQL (Npgsql) connection string")]
    [InlineData("Postgres", "Database=taskchat;Username=taskchat", "ConnectionStrings:Default must name the PostgreSQL server (Host=...)")]
    public void The_database_provider_and_its_connection_string_are_checked(string provider, string? connectionString, string message)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Database:Provider", provider), new("ConnectionStrings:Default", connectionString)])
            .Build();

        var failure = Assert.Throws<OptionsValidationException>(() => DatabaseOptions.AddTo(new ServiceCollection(), configuration));

        Assert.Contains(message, failure.Message);
    }

    [Theory]
    [InlineData(null, null, DatabaseProvider.Sqlite)]
    [InlineData("sqlite", null, DatabaseProvider.Sqlite)]
    [InlineData("Postgres", "Host=127.0.0.1;Database=taskchat", DatabaseProvider.Postgres)]
    [InlineData("postgres", "Host=db;Database=taskchat;Username=u;Password=p", DatabaseProvider.Postgres)]
    public void A_valid_provider_is_accepted(string? provider, string? connectionString, DatabaseProvider kind)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Database:Provider", provider), new("ConnectionStrings:Default", connectionString)])
            .Build();

        Assert.Equal(kind, DatabaseOptions.AddTo(new ServiceCollection(), configuration).Kind);
    }
}
