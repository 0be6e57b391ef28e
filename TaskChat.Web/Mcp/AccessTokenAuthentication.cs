using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TaskChat.Core.Connections;

namespace TaskChat.Web.Mcp;

/// <summary>
/// Bearer authentication with a personal access token, for /mcp only (the web app's cookie is never
/// accepted there, so a page on another site cannot act through a signed-in browser). Every request
/// looks the token up again: a revoked token stops working at once, on every instance.
/// </summary>
internal sealed class AccessTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder, AccessTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "AccessToken";
    public const string Policy = "mcp";
    private const string TokenIdClaim = "taskchat:token_id";
    private const string ScopeClaim = "taskchat:token_scope";
    private const string Realm = "Bearer realm=\"TaskChat\"";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var holder = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (holder is null) return AuthenticateResult.Fail("The access token is unknown or has been revoked.");

        var identity = new ClaimsIdentity(
        [
            // The MCP server binds each session to this claim: another user's token cannot use it.
            new Claim(ClaimTypes.NameIdentifier, holder.UserId),
            new Claim(ClaimTypes.Name, holder.TokenName),
            new Claim(TokenIdClaim, holder.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ScopeClaim, holder.Scope.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>401 with a challenge (RFC 6750) and a sentence saying how to get a token.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var given = Request.Headers.Authorization.Count > 0;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = given
            ? $"{Realm}, error=\"invalid_token\", error_description=\"The access token is unknown or has been revoked.\""
            : Realm;
        Response.ContentType = "text/plain; charset=utf-8";
        await Response.WriteAsync(given
            ? "The access token is unknown or has been revoked. Create a new one in TaskChat under Connected apps."
            : "TaskChat's MCP server needs a personal access token: create one in TaskChat under Connected apps and send it as \"Authorization: Bearer <token>\".");
    }

    /// <summary>Who the request's token acts for (only on /mcp, after authentication).</summary>
    public static TokenHolder HolderOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No token holder on this request."),
        int.Parse(user.FindFirstValue(TokenIdClaim)!, System.Globalization.CultureInfo.InvariantCulture),
        user.FindFirstValue(ClaimTypes.Name)!,
        Enum.Parse<AccessTokenScope>(user.FindFirstValue(ScopeClaim)!));
}
