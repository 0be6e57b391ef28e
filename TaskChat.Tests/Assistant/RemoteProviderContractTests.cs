using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Assistant;

/// <summary>
/// The same scripted conversations through the real runner against each remote provider, each in its
/// own wire format: what the rest of the app sees (the stored answer, its tool calls, the tasks, the
/// streamed pieces, how often the provider was asked) must not depend on which one answered.
/// </summary>
public sealed class RemoteProviderContractTests
{
    /// <summary>What the app keeps of one answer, in provider-neutral terms.</summary>
    private sealed record Outcome(string Text, MessageStatus Status, bool HasError, string ToolCalls, string Tasks, int Requests);

    [Theory]
    [InlineData(RemoteProtocol.OpenAICompatible)]
    [InlineData(RemoteProtocol.Gemini)]
    public async Task A_plain_answer_streams_in_its_pieces_and_completes(RemoteProtocol protocol)
    {
        await using var provider = await ProviderScript.StartAsync(protocol);
        await using var h = await provider.HarnessAsync();
        provider.Answer("Hello", ", ", "Ada", "!");

        var outcome = await AskAsync(provider, h, "hi");

        Assert.Equal(new Outcome("Hello, Ada!", MessageStatus.Complete, false, "", "", 1), outcome);
        await h.WaitForEventAsync<RunFinished>();
        Assert.Equal(["Hello", ", ", "Ada", "!"], h.Events.OfType<RunChunk>().Select(c => c.Delta));
    }

    [Theory]
    [InlineData(RemoteProtocol.OpenAICompatible)]
    [InlineData(RemoteProtocol.Gemini)]
    public async Task A_tool_call_then_an_answer_changes_the_task_list(RemoteProtocol protocol)
    {
        await using var provider = await ProviderScript.StartAsync(protocol);
        await using var h = await provider.HarnessAsync();
        provider.ToolCalls((ToolNames.AddTask, """{"title":"Buy milk","due":"tomorrow"}"""));
        provider.Answer("Added **Buy milk** for tomorrow.");

        var outcome = await AskAsync(provider, h, "add buy milk tomorrow");

        Assert.Equal(new Outcome("Added **Buy milk** for tomorrow.", MessageStatus.Complete, false,
            """add_task {"title":"Buy milk","due":"tomorrow"} Succeeded""", "Buy milk (due)", 2), outcome);
    }

    [Theory]
    [InlineData(RemoteProtocol.OpenAICompatible)]
    [InlineData(RemoteProtocol.Gemini)]
    public async Task Two_tool_calls_in_one_response_run_in_order(RemoteProtocol protocol)
    {
        await using var provider = await ProviderScript.StartAsync(protocol);
        await using var h = await provider.HarnessAsync();
        provider.ToolCalls((ToolNames.AddTask, """{"title":"First"}"""), (ToolNames.AddTask, """{"title":"Second"}"""));
        provider.Answer("Both added.");

        var outcome = await AskAsync(provider, h, "add two");

        Assert.Equal(new Outcome("Both added.", MessageStatus.Complete, false,
            """add_task {"title":"First"} Succeeded | add_task {"title":"Second"} Succeeded""", "First, Second", 2), outcome);
    }

    [Theory]
    [InlineData(RemoteProtocol.OpenAICompatible)]
    [InlineData(RemoteProtocol.Gemini)]
    public async Task A_429_before_anything_was_shown_is_retried_once_and_completes(RemoteProtocol protocol)
    {
        await using var provider = await ProviderScript.StartAsync(protocol);
        await using var h = await provider.HarnessAsync();
        provider.RateLimited();
        provider.Answer("Fine now.");

        var outcome = await AskAsync(provider, h, "hi");

        Assert.Equal(new Outcome("Fine now.", MessageStatus.Complete, false, "", "", 2), outcome);
    }

    [Theory]
    [InlineData(RemoteProtocol.OpenAICompatible)]
    [InlineData(RemoteProtocol.Gemini)]
    public async Task A_500_that_persists_fails_after_the_retries(RemoteProtocol protocol)
    {
        await using var provider = await ProviderScript.StartAsync(protocol);
        await using var h = await provider.HarnessAsync(("Assistant:MaxRetries", "1"));
        provider.ServerError();
        provider.ServerError();

        var outcome = await AskAsync(provider, h, "hi");

        Assert.Equal(new Outcome("", MessageStatus.Failed, true, "", "", 2), outcome);
    }

    [Theory]
    [InlineData(RemoteProtocol.OpenAICompatible)]
    [InlineData(RemoteProtocol.Gemini)]
    public async Task A_stream_cut_mid_answer_keeps_the_partial_text_as_failed_without_a_retry(RemoteProtocol protocol)
    {
        await using var provider = await ProviderScript.StartAsync(protocol);
        await using var h = await provider.HarnessAsync();
        provider.CutStream("The first half", " of an answer");

        var outcome = await AskAsync(provider, h, "hi");

        Assert.Equal(new Outcome("The first half of an answer", MessageStatus.Failed, true, "", "", 1), outcome);
    }

    private static async Task<Outcome> AskAsync(ProviderScript provider, AssistantHarness h, string text)
    {
        var (_, answer) = await h.AskAsync(text);
        var calls = string.Join(" | ", answer.ToolCalls.Select(c => $"{c.Name} {c.ArgumentsJson} {c.Status}"));
        var tasks = (await h.Db.Tasks.QueryAsync(h.User, new TaskQuery { Sort = TaskSort.Created })).Items
            .OrderBy(t => t.Id).Select(t => t.DueUtc is null ? t.Title : $"{t.Title} (due)");
        return new Outcome(answer.Text, answer.Status, !string.IsNullOrEmpty(answer.Error), calls, string.Join(", ", tasks), provider.Requests.Count);
    }
}
