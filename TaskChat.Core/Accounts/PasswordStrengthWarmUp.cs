using Microsoft.Extensions.Hosting;

namespace TaskChat.Core.Accounts;

/// <summary>
/// Builds zxcvbn's dictionaries (a second or more of CPU, far more on a busy machine) before the
/// server starts listening: hosted services start first. Otherwise the first registration or
/// strength check after a start pays for it on its request, and on a loaded machine times out.
/// </summary>
public sealed class PasswordStrengthWarmUp : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Task.Run(() => PasswordStrength.Assess("warm-up", null), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
