using System.Net;
using TaskChat.Web.Hosting.RateLimits;

namespace TaskChat.Tests.Accounts;

/// <summary>Which requests count as one client for limits and pauses.</summary>
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7", true)]
    [InlineData("198.51.100.7", "198.51.100.8", false)]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7", true)]
    // One /64 is one home or one server: any address in it is the same client.
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    public void Addresses_in_one_network_share_a_key(string first, string second, bool same)
    {
        var (a, b) = (ClientAddress.KeyOf(IPAddress.Parse(first)), ClientAddress.KeyOf(IPAddress.Parse(second)));

        Assert.Equal(same, a == b);
    }
}
