using Microsoft.Extensions.AI;
using TaskChat.Core.Assistant.Runs;

namespace TaskChat.Tests.Assistant;

/// <summary>What one model round sends back with its tool results: joined text, provider data kept in place.</summary>
public sealed class RoundContentsTests
{
    [Fact]
    public void Plain_text_pieces_join_and_empty_ones_and_usage_are_dropped()
    {
        var round = new RoundContents();

        foreach (var content in new AIContent[] { new TextContent("Let "), new TextContent(""), new TextContent("me look."), new UsageContent(new UsageDetails()) })
            round.Add(content);

        Assert.Equal("Let me look.", Assert.IsType<TextContent>(Assert.Single(round.Contents)).Text);
    }

    [Fact]
    public void Contents_carrying_provider_data_stay_whole_and_in_order_among_text_and_calls()
    {
        var signed = new TextContent("") { AdditionalProperties = new() { ["gemini.part"] = "signature" } };
        var reasoning = new TextReasoningContent("thinking");
        var call = new FunctionCallContent("c1", "list_tasks");
        var round = new RoundContents();

        foreach (var content in new AIContent[] { new TextContent("A"), signed, new TextContent("B"), reasoning, call, new TextContent("C") })
            round.Add(content);

        Assert.Equal(6, round.Contents.Count);
        Assert.Same(signed, round.Contents[1]);
        Assert.Same(reasoning, round.Contents[3]);
        Assert.Same(call, round.Contents[4]);
        Assert.Equal(["A", "B", "C"], round.Contents.OfType<TextContent>().Where(t => t.AdditionalProperties is null).Select(t => t.Text));
    }
}
