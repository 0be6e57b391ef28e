using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using TaskChat.Core.Accounts;
using TaskChat.Core.Connections;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Components.Account;
using TaskChat.Web.Components.Connections;

namespace TaskChat.Tests.Components.Connections;

/// <summary>
/// bunit for the Connected apps components: MudBlazor's services (JS answered loosely), a real
/// SQLite database with one signed-in user, and Core's real token and approval services and
/// broadcaster over it, rendered as on a live circuit so the components subscribe. One per test;
/// dispose it with <c>await using</c> (bunit's context is async-disposable only, DESIGN §4).
/// </summary>
public sealed class ConnectionsComponentContext : IAsyncDisposable
{
    private ConnectionsComponentContext(TestDatabase db, string user)
    {
        Db = db;
        User = user;
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddMudServices();
        Bunit.Services.AddLogging();
        Bunit.Services.AddSingleton<TimeProvider>(db.Clock);
        Bunit.Services.AddSingleton(db.Get<AccessTokens>());
        Bunit.Services.AddSingleton(db.Get<AppApprovals>());
        Bunit.Services.AddSingleton(db.Get<UserTimeZones>());
        Bunit.Services.AddSingleton(db.Get<IUserBroadcaster>());
        // The page hands a "signed out everywhere" event to the tab's gate, as the dashboard does.
        Bunit.Services.AddSingleton<ISessionCheck, AlwaysCurrent>();
        Bunit.Services.AddSingleton(new SessionTimings(TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5)));
        Bunit.Services.AddScoped<CircuitSessionGate>();
        var auth = Bunit.AddAuthorization();
        // Rendered as on a live circuit, where the components subscribe to the user's events.
        Bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        auth.SetAuthorized("ada@example.com");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user), new Claim("taskchat:session", SessionId) /* SessionClaims.SessionId, internal to the web app */);
        Bunit.Render<MudPopoverProvider>();
    }

    /// <summary>The signed-in tab's session.</summary>
    public const string SessionId = "session-1";

    public BunitContext Bunit { get; } = new();
    public TestDatabase Db { get; }
    public string User { get; }
    public AccessTokens Tokens => Db.Get<AccessTokens>();
    public AppApprovals Approvals => Db.Get<AppApprovals>();

    public static async Task<ConnectionsComponentContext> CreateAsync(int busyTimeoutMs = 5000)
    {
        var db = await TestDatabase.CreateAsync(busyTimeoutMs: busyTimeoutMs);
        return new ConnectionsComponentContext(db, await db.AddUserAsync("ada@example.com", "Europe/London"));
    }

    public IRenderedComponent<T> Render<T>() where T : IComponent => Bunit.Render<T>();

    /// <summary>The approval cards over a tab's state, kept live from the user's events as the dashboard keeps it.</summary>
    public async Task<IRenderedComponent<AppApprovalCards>> RenderApprovalCardsAsync()
    {
        var state = new AppApprovalsState(Approvals);
        disposables.Add(state);
        disposables.Add(Db.Get<IUserBroadcaster>().Subscribe(User, state.HandleAsync));
        await state.LoadAsync(User);
        return Bunit.Render<AppApprovalCards>(p => p.Add(c => c.State, state));
    }

    private readonly List<IDisposable> disposables = [];

    /// <summary>A request from an app, as the MCP endpoint makes one for a call that needs the user's yes.</summary>
    public async Task<AppApprovalState> RequestAsync(AccessTokenView token, string summary) =>
        await Approvals.ClaimOrRequestAsync(new TokenHolder(User, token.Id, token.Name, token.Scope), "delete_all_tasks", "{}", summary);

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in disposables) disposable.Dispose();
        await Bunit.DisposeAsync();
        await Db.DisposeAsync();
    }

    private sealed class AlwaysCurrent : ISessionCheck
    {
        public Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken ct) => Task.FromResult(true);
    }
}
