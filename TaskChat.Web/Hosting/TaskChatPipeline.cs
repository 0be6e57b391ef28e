using TaskChat.Web.Components;
using TaskChat.Web.Components.Account;

namespace TaskChat.Web.Hosting;

internal static class TaskChatPipeline
{
    public static void UseTaskChat(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);

        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapHealth();
    }
}
