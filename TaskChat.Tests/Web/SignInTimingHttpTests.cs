using System.Diagnostics;
using System.Net;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.TestAccounts;

namespace TaskChat.Tests.Web;

/// <summary>
/// Sign-in timing over HTTP (the app's generous test limits: no pause in the way). PasswordCheckTests
/// counts the work exactly; this checks what an attacker would measure.
/// </summary>
public sealed class SignInTimingHttpTests(AppServerFixture fixture) : IClassFixture<AppServerFixture>
{
    [Fact]
    public async Task An_unknown_email_takes_as_long_as_a_wrong_password_for_a_real_one()
    {
        var email = await FormClient.RegisterNewAsync(fixture.App);
        using var http = fixture.App.CreateClient();
        var token = FormClient.TokenIn(await http.GetStringAsync("account/login"));

        async Task<double> TimeAsync(string address)
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token,
                ["Input.Email"] = address, ["Input.Password"] = "wrong password!",
            });
            var timer = Stopwatch.StartNew();
            var response = await http.PostAsync("account/login", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return timer.Elapsed.TotalMilliseconds;
        }

        var (known, unknown) = (new List<double>(), new List<double>());
        await TimeAsync(NewEmail()); // warms up the placeholder hash and the page
        for (var i = 0; i < 12; i++)
        {
            known.Add(await TimeAsync(email));
            unknown.Add(await TimeAsync(NewEmail()));
        }

        // Before: 88 ms against 5–13 ms (a ratio near 0.1). One hash each way puts it near 1.
        var ratio = Median(unknown) / Median(known);
        Assert.InRange(ratio, 0.6, 1.6);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
