using Microsoft.Extensions.Hosting;

namespace TaskChat.Core.Accounts;

/// <summary>
/// Builds zxcvbn's dictionaries (about a second of CPU) in the background right after start-up,
/// so the first person to register or type a password does not wait for it on their request.
/// </summary>
public sealed class PasswordStrengthWarmUp : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => PasswordStrength.Assess("warm-up", null), stoppingToken);
}
