using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using TaskChat.Core.Accounts;

namespace TaskChat.Web.Components.Account;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        // A POST checked against the antiforgery token, so a link or form on another site cannot
        // sign a user out. Checked here because the endpoint binds no form fields, and the
        // framework enforces tokens only where it binds them.
        endpoints.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.BadRequest("The sign-out form expired. Reload the page and try again.");
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
}
