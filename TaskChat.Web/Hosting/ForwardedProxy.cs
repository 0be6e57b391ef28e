using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using TaskChat.Core;

namespace TaskChat.Web.Hosting;

internal static class ForwardedProxy
{
    /// <summary>
    /// Behind a TLS-terminating reverse proxy the app sees plain http; X-Forwarded-Proto tells it the
    /// browser used https, so cookies get Secure. Off by default: a client that can reach the app
    /// directly could otherwise claim any scheme or address. When on, only the proxies listed in
    /// Hosting:KnownProxies (loopback if none) are believed.
    /// </summary>
    public static void AddForwardedProxy(this WebApplicationBuilder builder)
    {
        var hosting = builder.Services.AddValidatedOptions<HostingOptions>(builder.Configuration.GetSection(HostingOptions.Section));
        if (!hosting.TrustForwardedHeaders) return;
        var proxies = hosting.Proxies();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedFor;
            if (proxies.Count == 0) return; // the framework's default: loopback only
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
        });
    }

    public static void UseForwardedProxy(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<HostingOptions>>().Value.TrustForwardedHeaders) app.UseForwardedHeaders();
    }
}
