using System.ComponentModel.DataAnnotations;
using System.Net;

namespace TaskChat.Web.Hosting;

/// <summary>The "Hosting" section: whether to believe a reverse proxy's forwarded headers, and from whom.</summary>
public sealed class HostingOptions : IValidatableObject
{
    public const string Section = "Hosting";

    public bool TrustForwardedHeaders { get; set; }

    /// <summary>A comma-separated list of proxy IPs; empty means loopback only.</summary>
    public string? KnownProxies { get; set; }

    public IReadOnlyList<IPAddress> Proxies() =>
        Entries().Select(IPAddress.Parse).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Entries().Where(e => !IPAddress.TryParse(e, out _))
            .Select(e => new ValidationResult($"Hosting:KnownProxies: \"{e}\" is not an IP address.", [nameof(KnownProxies)]));

    private string[] Entries() =>
        (KnownProxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
