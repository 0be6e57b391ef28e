using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using MudBlazor;
using MudBlazor.Services;
using TaskChat.Core;
using TaskChat.Core.Accounts;
using TaskChat.Core.Assistant;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;
using TaskChat.Web.Components.Account;
using TaskChat.Web.Components.Chat;
using TaskChat.Web.Components.Circuits;
using TaskChat.Web.Components.Connections;
using TaskChat.Web.Components.Tasks;
using TaskChat.Web.Hosting.RateLimits;
using TaskChat.Web.Mcp;

namespace TaskChat.Web.Hosting;

internal static class TaskChatServices
{
    public static void AddTaskChat(this WebApplicationBuilder builder)
    {
        // Serve MudBlazor's and the scoped CSS from the build output in every environment, so
        // `dotnet run` works without a publish step. A published app has no manifest: no-op.
        builder.WebHost.UseStaticWebAssets();

        var database = DatabaseOptions.AddTo(builder.Services, builder.Configuration);
        var sync = builder.Services.AddValidatedOptions<SyncOptions>(builder.Configuration.GetSection(SyncOptions.Section));
        var postgres = database.Kind == DatabaseProvider.Postgres;
        var connectionString = postgres ? database.ConnectionString : DatabaseOptions.ResolveConnectionString(database.ConnectionString, builder.Environment.ContentRootPath);
        builder.Services.AddTaskChatCore(connectionString, database.BusyTimeoutMs, sync.Redis, database.Kind);
        builder.Services.AddTaskChatAssistant(builder.Configuration);
        builder.Services.AddHealth(redis: !string.IsNullOrWhiteSpace(sync.Redis));
        builder.AddTelemetry();

        builder.AddForwardedProxy();
        builder.AddAccountRateLimits();
        builder.AddAccounts(postgres ? null : DataDirectoryOf(connectionString));
        builder.AddTaskChatMcp();
        var messageMaxLength = (builder.Configuration.GetSection(AssistantOptions.Section).Get<AssistantOptions>() ?? new()).MessageMaxLength;
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = CircuitMessageSize.MaximumReceiveMessageSize(messageMaxLength));
        // Snackbars (Undo) bottom left: over the task list, clear of the assistant's input.
        builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft);
        builder.Services.AddScoped<TaskBoard>();
        builder.Services.AddScoped<ChatState>();
        builder.Services.AddScoped<AppApprovalsState>();
        builder.Services.AddSingleton<CircuitRegistry>();
        builder.Services.AddScoped<CircuitAdmission>();
        builder.Services.AddScoped<CircuitHandler, CircuitLimitHandler>();
    }

    /// <param name="dataDirectory">The SQLite file's folder, or null on PostgreSQL (keys in the database).</param>
    private static void AddAccounts(this WebApplicationBuilder builder, string? dataDirectory)
    {
        var services = builder.Services;
        var accounts = services.AddValidatedOptions<AccountOptions>(builder.Configuration.GetSection(AccountOptions.Section));
        var timings = new SessionTimings(TimeSpan.FromSeconds(accounts.RevalidateSeconds), TimeSpan.FromSeconds(accounts.ActivityCheckSeconds));
        services.AddSingleton(timings);
        services.AddSingleton<ISessionCheck, SessionCheck>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<CircuitSessionGate>();
        services.AddScoped<CircuitHandler, SessionCircuitHandler>();
        services.AddScoped<SessionCookieEvents>();
        services.AddHostedService<ExpiredSessionSweep>();
        services.AddHostedService<PasswordStrengthWarmUp>();
        services.AddSingleton<SignInPause>();
        services.AddSingleton<PlaceholderPassword>();
        services.AddScoped<PasswordCheck>();
        // A page request with an older cookie re-checks the stamp too (Identity's default: 30 minutes).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = timings.Revalidate;
            o.OnRefreshingPrincipal = SessionClaims.CarryOver;
        });
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthorization();

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length and guessability (StrongPasswordValidator) over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // No account lockout: anyone who knows an address could keep its owner out with
                // it. Failed sign-ins pause the address they come from instead (SignInPause).
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddPasswordValidator<StrongPasswordValidator>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/login";
            o.Cookie.Name = "TaskChat.Auth";
            // Each cookie names a server-side session, checked on every request (replaces
            // Identity's events, whose security-stamp check it runs after its own).
            o.EventsType = typeof(SessionCookieEvents);
            o.Cookie.HttpOnly = true;
            // Lax, not Strict: a link to TaskChat from mail or another site should open it signed
            // in. Cross-site posts are refused by the antiforgery token either way.
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure over https (directly, or as reported by a trusted proxy); plain
            // http://localhost still works.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
        });

        services.AddAntiforgery(o =>
        {
            o.Cookie.HttpOnly = true;
            // Only ever needed by this site's own forms, so never sent cross-site.
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // Keys beside the database: sign-ins survive restarts, and instances sharing the data
        // folder share cookies. On PostgreSQL in the database itself, which every instance shares.
        var dataProtection = services.AddDataProtection().SetApplicationName("TaskChat");
        if (dataDirectory is null) dataProtection.PersistKeysToDbContext<AppDbContext>();
        else dataProtection.PersistKeysToFileSystem(DataFolder.PrepareKeys(Path.Combine(dataDirectory, "keys")));
    }

    private static string DataDirectoryOf(string connectionString) =>
        Path.GetDirectoryName(new SqliteConnectionStringBuilder(connectionString).DataSource)!;
}
