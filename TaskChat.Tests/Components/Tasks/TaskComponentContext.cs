using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Components.Tasks;

namespace TaskChat.Tests.Components.Tasks;

/// <summary>
/// bunit for the task components: MudBlazor's services (JS calls answered loosely: no browser), a
/// real SQLite database with one user, and a loaded <see cref="TaskBoard"/> over it. One per test;
/// dispose it with <c>await using</c> (bunit's context is async-disposable only, DESIGN §4).
/// </summary>
public sealed class TaskComponentContext : IAsyncDisposable
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private TaskComponentContext(TestDatabase db, string user)
    {
        Db = db;
        User = user;
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddMudServices();
        Bunit.Services.AddSingleton<TimeProvider>(db.Clock);
        Board = new TaskBoard(db.Tasks, db.Clock);
        // Popovers (selects) and snackbars (Undo) render into these providers, as in MainLayout.
        Popovers = Bunit.Render<MudPopoverProvider>();
        Snackbars = Bunit.Render<MudSnackbarProvider>();
    }

    public BunitContext Bunit { get; } = new();
    public TestDatabase Db { get; }
    public string User { get; }
    public TaskBoard Board { get; }
    public IRenderedComponent<MudPopoverProvider> Popovers { get; }
    public IRenderedComponent<MudSnackbarProvider> Snackbars { get; }

    public static async Task<TaskComponentContext> CreateAsync()
    {
        var db = await TestDatabase.CreateAsync();
        var context = new TaskComponentContext(db, await db.AddUserAsync("ada@example.com"));
        await context.Board.LoadAsync(context.User, London);
        return context;
    }

    /// <summary>Adds tasks through the board, as the quick-add box would.</summary>
    public async Task AddAsync(params string[] titles)
    {
        foreach (var title in titles) Assert.True(await Board.AddAsync(title), title);
    }

    public TaskItem Shown(string title) => Board.Page.Items.Single(t => t.Title == title);

    /// <summary>Renders a component that takes the board, re-rendering it when the board changes (as Dashboard does).</summary>
    public IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var rendered = Bunit.Render<T>((ComponentParameterCollectionBuilder<T> p) =>
        {
            p.TryAdd("Board", Board);
            parameters?.Invoke(p);
        });
        Board.Changed += () => rendered.Render();
        return rendered;
    }

    public async ValueTask DisposeAsync()
    {
        Board.Dispose();
        await Bunit.DisposeAsync();
        await Db.DisposeAsync();
    }
}
