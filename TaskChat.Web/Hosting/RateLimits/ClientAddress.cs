using System.Net;
using System.Net.Sockets;

namespace TaskChat.Web.Hosting.RateLimits;

/// <summary>The key that limits and sign-in pauses are counted under: who the client is, as far as the network says.</summary>
public static class ClientAddress
{
    /// <summary>
    /// IPv4 as is; IPv6 by its /64 network, since one home or server usually gets a whole /64 and
    /// could otherwise take a fresh address for every attempt. IPv4-mapped IPv6 counts as IPv4.
    /// Behind a trusted proxy the address is the one it forwarded (Hosting:TrustForwardedHeaders).
    /// </summary>
    public static string KeyOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public static string KeyOf(HttpContext http) => KeyOf(http.Connection.RemoteIpAddress);
}
