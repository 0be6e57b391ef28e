using System.Diagnostics;
using TaskChat.Core.Accounts;

namespace TaskChat.Tests.Accounts;

/// <summary>The password judge (zxcvbn) and the Identity validator built on it.</summary>
public sealed class PasswordStrengthTests
{
    [Theory]
    [InlineData("12345678", "ada@example.com", "It is one of the most common passwords.")]
    [InlineData("password", "ada@example.com", "It is one of the most common passwords.")]
    [InlineData("iloveyou123", "ada@example.com", "It is one of the most common passwords.")]
    [InlineData("aaaaaaaaaaaa", "ada@example.com", "Repeated characters like \"aaa\" are easy to guess.")]
    [InlineData("Ada.Lovelace!", "ada.lovelace@example.com", "It is built on your email address, which anyone can guess.")]
    [InlineData("ada.lovelace violet tractor", "ada.lovelace@example.com", "It is built on your email address, which anyone can guess.")]
    [InlineData("lovelace1815", "ada.lovelace@example.com", "It is built on your email address, which anyone can guess.")]
    public async Task Guessable_passwords_are_refused_with_the_reason(string password, string email, string reason)
    {
        var result = await new StrongPasswordValidator().ValidateAsync(null!, new AppUser { Email = email }, password);

        var error = Assert.Single(result.Errors);
        Assert.Equal(StrongPasswordValidator.Code, error.Code);
        Assert.StartsWith("This password is too easy to guess. " + reason, error.Description);
    }

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("violet tractor umbrella quiz")]
    [InlineData("Tr0ub4dor&3 seven")]
    public async Task Hard_to_guess_passwords_are_accepted(string password)
    {
        var result = await new StrongPasswordValidator().ValidateAsync(null!, new AppUser { Email = "ada.lovelace@example.com" }, password);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        Assert.True(PasswordStrength.Assess(password, "ada.lovelace@example.com").Score >= PasswordStrength.MinimumScore);
    }

    [Fact]
    public void A_huge_password_costs_no_more_than_a_long_one()
    {
        PasswordStrength.Assess("warm up the dictionaries", null);
        var timer = Stopwatch.StartNew();

        // Unbounded, zxcvbn takes about a third of a second at 128 characters, 1.7 s at 300, and
        // grows faster than the length; the strength check would be a cheap way to burn server time.
        var verdict = PasswordStrength.Assess(string.Concat(Enumerable.Repeat("abc123", 170)), null);

        Assert.InRange(timer.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.False(verdict.Acceptable);
    }
}
