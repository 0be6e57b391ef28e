using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Radzen;
using TaskChat.Core;
using TaskChat.Core.Accounts;
using TaskChat.Core.Data;
using TaskChat.Web.Components.Account;
using TaskChat.Web.Components.Chat;
using TaskChat.Web.Components.Tasks;

namespace TaskChat.Web.Hosting;

internal static class TaskChatServices
{
    public static void AddTaskChat(this WebApplicationBuilder builder)
    {
        // Serve Radzen's and the scoped CSS from the build output in every environment, so
        // `dotnet run` works without a publish step. A published app has no manifest: no-op.
        builder.WebHost.UseStaticWebAssets();

        var connectionString = DatabaseOptions.ResolveConnectionString(
            builder.Configuration.GetConnectionString("Default"), builder.Environment.ContentRootPath);
        builder.Services.AddTaskChatCore(connectionString, builder.Configuration.GetValue("Database:BusyTimeoutMs", 5000), builder.Configuration["Sync:Redis"]);
        builder.Services.AddTaskChatAssistant(builder.Configuration);

        builder.AddAccounts(DataDirectoryOf(connectionString));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.AddScoped<TaskBoard>();
        builder.Services.AddScoped<ChatState>();
    }

    private static void AddAccounts(this WebApplicationBuilder builder, string dataDirectory)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthorization();

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Accounts:MaxFailedSignIns", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(builder.Configuration.GetValue("Accounts:LockoutMinutes", 5));
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/login";
            o.Cookie.Name = "TaskChat.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
        });

        // Keys beside the database: sign-ins survive restarts, and instances sharing the data
        // folder share cookies.
        services.AddDataProtection()
            .SetApplicationName("TaskChat")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
    }

    private static string DataDirectoryOf(string connectionString) =>
        Path.GetDirectoryName(new SqliteConnectionStringBuilder(connectionString).DataSource)!;
}
