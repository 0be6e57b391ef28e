using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core.Accounts;
using TaskChat.Core.Data;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Components.Account;

namespace TaskChat.Tests.Accounts;

/// <summary>
/// A sign-in does the same work whether the email has an account or not: exactly one password-hash
/// verification (the expensive part), so its timing tells nothing. Counted rather than timed.
/// </summary>
public sealed class PasswordCheckTests : IAsyncLifetime
{
    private const string Email = "ada@example.com";
    private const string Password = "correct horse battery";
    private readonly CountingHasher hasher = new();
    private TestDatabase database = default!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(configure: services =>
        {
            services.AddIdentityCore<AppUser>(o => o.Password.RequireNonAlphanumeric = o.Password.RequireDigit = o.Password.RequireUppercase = false)
                .AddEntityFrameworkStores<AppDbContext>();
            services.AddSingleton<IPasswordHasher<AppUser>>(hasher);
            services.AddSingleton<PlaceholderPassword>();
            services.AddScoped<PasswordCheck>();
        });
        using var scope = database.Get<IServiceScopeFactory>().CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(new AppUser { UserName = Email, Email = Email }, Password);
        Assert.True(created.Succeeded);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Theory]
    [InlineData(Email, "wrong password!", false)]
    [InlineData("nobody@example.com", "wrong password!", false)]
    [InlineData("nobody@example.com", Password, false)]
    [InlineData(Email, Password, true)]
    public async Task Every_attempt_verifies_one_hash(string email, string password, bool succeeds)
    {
        using var scope = database.Get<IServiceScopeFactory>().CreateScope();
        var check = scope.ServiceProvider.GetRequiredService<PasswordCheck>();
        hasher.Verifications = 0;

        var user = await check.CheckAsync(email, password);

        Assert.Equal(succeeds, user is not null);
        Assert.Equal(1, hasher.Verifications);
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> inner = new();
        public int Verifications;

        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
