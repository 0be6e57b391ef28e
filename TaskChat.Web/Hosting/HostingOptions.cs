using System.ComponentModel.DataAnnotations;
using System.Net;

namespace TaskChat.Web.Hosting;

/// <summary>The "Hosting" section: whether to believe a reverse proxy's forwarded headers, and from
/// whom; HSTS; how many circuits (tabs) one user may hold open.</summary>
public sealed class HostingOptions : IValidatableObject
{
    public const string Section = "Hosting";

    public bool TrustForwardedHeaders { get; set; }

    /// <summary>A comma-separated list of proxy IPs; empty means loopback only.</summary>
    public string? KnownProxies { get; set; }

    /// <summary>
    /// How long a browser that reached the app over https keeps to https for it (Strict-Transport-
    /// Security). Sent outside Development only; 0 turns it off. Two years is the longest the HSTS
    /// preload list asks for; a longer pin only makes a mistake last longer.
    /// </summary>
    [Range(0, 730, ErrorMessage = "Hosting:HstsMaxAgeDays must be between {1} and {2} days (0 turns HSTS off).")]
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>Open tabs per user on one instance; the next gets a page saying why (CircuitRegistry).</summary>
    [Range(1, 10_000, ErrorMessage = "Hosting:MaxCircuitsPerUser must be between {1} and {2}.")]
    public int MaxCircuitsPerUser { get; set; } = 20;

    public IReadOnlyList<IPAddress> Proxies() =>
        Entries().Select(IPAddress.Parse).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Entries().Where(e => !IPAddress.TryParse(e, out _))
            .Select(e => new ValidationResult($"Hosting:KnownProxies: \"{e}\" is not an IP address.", [nameof(KnownProxies)]));

    private string[] Entries() =>
        (KnownProxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
