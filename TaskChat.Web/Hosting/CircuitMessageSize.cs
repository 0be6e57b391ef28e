namespace TaskChat.Web.Hosting;

/// <summary>
/// The largest message the circuit accepts from a browser, sized from the longest chat message a
/// user may type. SignalR's default (32 KB) is far too small: the chat box is bound on every
/// keystroke, and a draft of 5,600 CJK characters already dropped the circuit.
/// </summary>
public static class CircuitMessageSize
{
    // blazor.web.js sends an input event as one JS-interop call whose arguments are JSON.stringify'd
    // together: the box's value travels twice (the event's value and the bound field's value).
    private const int CopiesPerEvent = 2;

    // One UTF-16 unit of the value as JSON text in UTF-8 takes at most 6 bytes: a control character
    // or a lone surrogate is written \uXXXX. Everything else is less: a quote or backslash 2 (\"),
    // a CJK character 3, an emoji 4 for its two units, an accented letter 2, ASCII 1.
    private const int BytesPerCharacter = 6;

    // Everything else in the message: the event's descriptor, the interop call's ids, SignalR's framing.
    private const int Envelope = 32 * 1024;

    /// <summary>The most one copy of the chat box's value may take: the browser checks a draft
    /// longer than the limit against it before sending (js/taskchat.js).</summary>
    public static long DraftBytes(int messageMaxLength) => (long)BytesPerCharacter * messageMaxLength;

    /// <summary>The hub's MaximumReceiveMessageSize: any draft up to the limit, in any script, fits.
    /// For the default 10,000 characters: 2 × 6 × 10,000 + 32 KB ≈ 152 KB.</summary>
    public static long MaximumReceiveMessageSize(int messageMaxLength) => CopiesPerEvent * DraftBytes(messageMaxLength) + Envelope;
}
