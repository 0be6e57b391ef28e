using TaskChat.Web.Components;
using TaskChat.Web.Components.Account;
using TaskChat.Web.Mcp;

namespace TaskChat.Web.Hosting;

internal static class TaskChatPipeline
{
    public static void UseTaskChat(this WebApplication app)
    {
        // First: the scheme a proxy reports decides whether cookies are Secure.
        app.UseForwardedProxy();
        // Before anything that can answer early, so redirects and refusals carry the headers too.
        app.UseSecurityHeaders();
        // After the security headers, so a 429 carries them too.
        app.UseRateLimiter();
        app.UseRefuseWhileStopping();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        // Named here, after the headers: left implicit, the host runs them first of all, and the
        // sign-in redirect went out without the security headers.
        app.UseAuthentication();
        app.UseAuthorization();

        app.UseAntiforgery();
        app.MapStaticAssets();
        // Per-connection WebSocket compression costs ≈250 KB of server memory for every open tab;
        // render batches are small, so the bandwidth it saves is not worth that (DESIGN.md §8).
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true);
        app.MapAccountEndpoints();
        app.MapTaskChatMcp();
        app.MapHealth();
    }
}
