using Bunit;
using Microsoft.AspNetCore.Components;
using TaskChat.Web.Components.Layout;

namespace TaskChat.Tests.Components.Layout;

public sealed class ConnectionStatusTests
{
    [Fact]
    public async Task Prerendered_it_says_connecting()
    {
        await using var ctx = new BunitContext();
        ctx.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var status = ctx.Render<ConnectionStatus>().Find("[data-testid=connection-status]");

        Assert.Equal("connecting", status.GetAttribute("data-state"));
        Assert.Equal("status", status.GetAttribute("role"));
    }

    [Fact]
    public async Task Once_rendered_on_a_live_circuit_it_says_connected()
    {
        await using var ctx = new BunitContext();
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var cut = ctx.Render<ConnectionStatus>();

        cut.WaitForAssertion(() => Assert.Equal("connected", cut.Find("[data-testid=connection-status]").GetAttribute("data-state")));
    }
}
