using Bunit;
using Microsoft.AspNetCore.Components.Web;
using TaskChat.Core.Chat;
using TaskChat.Web.Components.Chat;

namespace TaskChat.Tests.Components.Chat;

public sealed class ChatInputTests
{
    [Fact]
    public async Task The_hooks_sit_on_the_textarea_and_the_send_button_themselves()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        var cut = chat.Render<ChatInput>();

        var box = cut.Find("[data-testid=chat-input]");
        Assert.Equal("TEXTAREA", box.TagName);
        Assert.Equal("Message to the assistant", box.GetAttribute("aria-label"));
        Assert.Equal("BUTTON", cut.Find("[data-testid=chat-send]").TagName);
    }

    [Fact]
    public async Task The_length_limit_is_the_box_maxlength_a_count_near_it_and_no_send_past_it()
    {
        await using var chat = await ChatComponentsContext.CreateAsync(("Assistant:MessageMaxLength", "100"));
        var cut = chat.Render<ChatInput>();
        var box = cut.Find("textarea");
        Assert.Equal("100", box.GetAttribute("maxlength"));

        box.Input(new string('m', 80));
        Assert.Empty(cut.FindAll("[data-testid=chat-count]")); // not at 80 %
        Assert.False(cut.Find("[data-testid=chat-send]").HasAttribute("disabled"));

        cut.Find("textarea").Input(new string('m', 101)); // pasted past maxlength by script
        cut.WaitForAssertion(() => Assert.Equal("101 / 100 · 1 too many", cut.Find("[data-testid=chat-count]").TextContent));
        Assert.True(cut.Find("[data-testid=chat-send]").HasAttribute("disabled"));
        await cut.Find("textarea").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        Assert.Empty(chat.Chat.Threads);
    }

    [Fact]
    public async Task Enter_sends_and_clears_the_box()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        var cut = chat.Render<ChatInput>();

        cut.Find("textarea").Input("add buy milk tomorrow");
        await cut.Find("textarea").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        await chat.EventuallyAsync(() => chat.Chat.Messages.Any(m => m is { Role: ChatRole.User, Text: "add buy milk tomorrow" }), "the message sent");
        Assert.Equal("", chat.Chat.Draft);
        cut.WaitForAssertion(() => Assert.Equal("", cut.Find("textarea").GetAttribute("value")));
    }

    [Fact]
    public async Task Shift_enter_and_enter_ending_an_ime_composition_do_not_send()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        var plainEnterSuppressed = chat.Bunit.JSInterop.SetupModule("./Components/Chat/ChatInput.razor.js").SetupVoid("keepEnterForSending", _ => true);
        var cut = chat.Render<ChatInput>();

        cut.Find("textarea").Input("first line");
        await cut.Find("textarea").KeyDownAsync(new KeyboardEventArgs { Key = "Enter", ShiftKey = true });
        await cut.Find("textarea").KeyDownAsync(new KeyboardEventArgs { Key = "Enter", IsComposing = true });

        Assert.Empty(chat.Chat.Threads);
        Assert.Equal("first line", chat.Chat.Draft);
        // The browser side: plain Enter must not also type a new line into the box.
        Assert.Single(plainEnterSuppressed.Invocations);
    }

    [Fact]
    public async Task Send_is_disabled_with_its_reason_while_empty_or_answering_and_says_why_while_disconnected()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        var cut = chat.Render<ChatInput>();

        var send = cut.Find("[data-testid=chat-send]");
        Assert.True(send.HasAttribute("disabled"));
        Assert.Equal("Type a message first", send.GetAttribute("title"));

        // Blazor cannot re-render while the connection is down: the reason is in the markup ahead of
        // time and the page shows it (and marks Send) by the connection state taskchat.js sets on
        // <html>; ConnectionBrowserTests watches that in a browser.
        Assert.Contains("your message is kept", cut.Find("[data-testid=send-offline-reason]").TextContent);
        Assert.NotNull(cut.Find("form.chat-input button[type=submit][data-testid=chat-send]"));

        await chat.Bunit.Renderer.Dispatcher.InvokeAsync(async () => { chat.Chat.Draft = "delete all tasks"; await chat.Chat.SendAsync(); });
        cut.Render();
        cut.WaitForAssertion(() => Assert.Equal("Wait for the answer, or stop it", cut.Find("[data-testid=chat-send]").GetAttribute("title")));
        Assert.True(cut.Find("[data-testid=chat-send]").HasAttribute("disabled"));
        Assert.NotNull(cut.Find("[data-testid=chat-stop]"));
    }
}
