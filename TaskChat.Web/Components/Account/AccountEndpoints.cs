using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using TaskChat.Core.Accounts;
using TaskChat.Web.Hosting.RateLimits;

namespace TaskChat.Web.Components.Account;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // POSTs checked against the antiforgery token, so a link or form on another site cannot
        // sign a user out. Checked here because the endpoints bind no form fields, and the
        // framework enforces tokens only where it binds them.

        // Ends this sign-in's session (SessionCookieEvents.SigningOut): a saved copy of the cookie
        // is refused from now on, and this browser's other tabs go to sign in.
        endpoints.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.BadRequest("The sign-out form expired. Reload the page and try again.");
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });

        // Ends every session of the account, on every device, and renews the security stamp so
        // that nothing issued before now (on any instance) passes Identity's own check either.
        endpoints.MapPost("/account/logout-everywhere", async (HttpContext http, IAntiforgery antiforgery,
            SignInManager<AppUser> signIn, SignInSessions sessions) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.BadRequest("The sign-out form expired. Reload the page and try again.");
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
                await sessions.EndAllAsync(user.Id, CancellationToken.None); // as sign-out: not undone by a closed tab
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });

        // The live strength meter's question: the same judge the account forms apply on submit.
        // A POST with the form's antiforgery token, so other sites cannot use it as a free
        // password-guessability service; rate-limited, since each answer costs CPU.
        endpoints.MapPost("/account/password-strength", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.BadRequest(new { message = "The form expired. Reload the page and try again." });
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var verdict = PasswordStrength.Assess(form["password"].ToString(), form["email"].ToString());
            return Results.Ok(new { score = verdict.Score, label = verdict.Label, acceptable = verdict.Acceptable, reason = verdict.Reason });
        }).RequireRateLimiting(AccountRateLimits.PasswordCheck);
    }
}
