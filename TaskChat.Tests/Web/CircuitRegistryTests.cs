using Microsoft.Extensions.Options;
using TaskChat.Web.Components.Circuits;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Hosting;

namespace TaskChat.Tests.Web;

/// <summary>The count of open circuits per user behind Hosting:MaxCircuitsPerUser.</summary>
public sealed class CircuitRegistryTests
{
    private static CircuitRegistry WithLimit(int limit) => new(Options.Create(new HostingOptions { MaxCircuitsPerUser = limit }), TestMeters.Create());

    [Fact]
    public void A_user_gets_up_to_the_limit_and_the_next_circuit_is_refused_until_one_closes()
    {
        var registry = WithLimit(2);

        Assert.True(registry.TryAdmit("ann", "c1"));
        Assert.True(registry.TryAdmit("ann", "c2"));
        Assert.False(registry.TryAdmit("ann", "c3"));
        Assert.Equal(2, registry.Count("ann"));

        registry.Release("ann", "c1");
        Assert.True(registry.TryAdmit("ann", "c3"));
        Assert.Equal(2, registry.Count("ann"));
    }

    [Fact]
    public void Users_are_counted_apart()
    {
        var registry = WithLimit(1);

        Assert.True(registry.TryAdmit("ann", "c1"));
        Assert.True(registry.TryAdmit("bob", "c2"));
        Assert.False(registry.TryAdmit("ann", "c3"));
        Assert.Equal((1, 1), (registry.Count("ann"), registry.Count("bob")));
    }

    [Fact]
    public void A_circuit_already_counted_is_admitted_again_without_counting_twice()
    {
        var registry = WithLimit(1);

        Assert.True(registry.TryAdmit("ann", "c1"));
        Assert.True(registry.TryAdmit("ann", "c1"));
        Assert.Equal(1, registry.Count("ann"));
    }

    [Fact]
    public void Releasing_what_was_never_counted_changes_nothing()
    {
        var registry = WithLimit(1);
        Assert.True(registry.TryAdmit("ann", "c1"));

        registry.Release("ann", "refused");
        registry.Release("nobody", "c1");

        Assert.Equal(1, registry.Count("ann"));
        Assert.False(registry.TryAdmit("ann", "c2"));
        registry.Release("ann", "c1");
        Assert.Equal(0, registry.Count("ann"));
    }

    [Fact]
    public void The_default_is_twenty()
    {
        var registry = new CircuitRegistry(Options.Create(new HostingOptions()), TestMeters.Create());
        for (var i = 0; i < 20; i++) Assert.True(registry.TryAdmit("ann", $"c{i}"));
        Assert.False(registry.TryAdmit("ann", "c20"));
    }
}
