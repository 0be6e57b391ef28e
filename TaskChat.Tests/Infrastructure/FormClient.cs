using System.Net;
using System.Text.RegularExpressions;

namespace TaskChat.Tests.Infrastructure;

/// <summary>A browser without JavaScript: GETs pages, posts their forms with the antiforgery token, keeps cookies.</summary>
/// <param name="cookies">Cookies to start from (a saved copy of another client's); empty by default.</param>
/// <param name="from">The loopback address to connect from: another client address to the app (127.0.0.1 by default).</param>
public sealed partial class FormClient : IDisposable
{
    private readonly AppServer app;
    private readonly CookieContainer jar;
    private readonly IPAddress? from;
    private readonly HttpClient http;

    public FormClient(AppServer app, IPAddress? from = null, CookieContainer? cookies = null)
    {
        this.app = app;
        this.from = from;
        jar = cookies ?? new CookieContainer();
        http = app.CreateClient(cookies: jar, from: from);
    }

    /// <summary>Another client holding a copy of this one's cookies as they are now: a saved cookie.</summary>
    public FormClient CopyCookies()
    {
        var copy = new CookieContainer();
        copy.Add(jar.GetAllCookies());
        return new FormClient(app, from, copy);
    }

    /// <summary>The value of one of this client's cookies, or null.</summary>
    public string? Cookie(string name) => jar.GetAllCookies().FirstOrDefault(c => c.Name == name)?.Value;

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => http.PostAsync(path, content);

    public async Task<string> GetStringAsync(string path)
    {
        var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Loads <paramref name="pagePath"/> for its token, then posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pagePath, string action, IDictionary<string, string> fields, bool withToken = true)
    {
        var page = await GetStringAsync(pagePath);
        var form = new Dictionary<string, string>(fields);
        if (withToken) form["__RequestVerificationToken"] = TokenIn(page);
        return await http.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Registers a fresh account (from <paramref name="from"/>, if given) and returns its email.</summary>
    public static async Task<string> RegisterNewAsync(AppServer app, IPAddress? from = null)
    {
        var email = TestAccounts.NewEmail();
        using var client = new FormClient(app, from);
        Assert.Equal(HttpStatusCode.Redirect, (await client.RegisterAsync(email, TestAccounts.Password)).StatusCode);
        return email;
    }

    public Task<HttpResponseMessage> RegisterAsync(string email, string password, string? confirm = null, string returnUrl = "") =>
        SubmitAsync("account/register", "account/register" + returnUrl, new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
            ["Input.TimeZone"] = "Europe/Paris",
        });

    public Task<HttpResponseMessage> SignInAsync(string email, string password, string returnUrl = "") =>
        SubmitAsync("account/login", "account/login" + returnUrl, new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    public void Dispose() => http.Dispose();

    /// <summary>The antiforgery token a page's form carries.</summary>
    public static string TokenIn(string page) => TokenPattern().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
