using System.Text.RegularExpressions;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>
/// Reads what one user message asks for. Small talk and whole-list requests are recognised first,
/// then adding, then changes to one task, then listing; anything else gets the help answer.
/// </summary>
internal static partial class OfflineIntentParser
{
    /// <param name="nowUtc">Only used to recognise date phrases; what they resolve to is the tools' business.</param>
    public static OfflineIntent Parse(string? text, DateTime nowUtc)
    {
        var request = Normalize(text ?? "");
        if (Greeting().Match(request) is { Success: true } greeting)
        {
            request = request[greeting.Length..];
            if (request.Length == 0) return new OfflineIntent(OfflineIntentKind.Greeting);
        }
        if (request.Length == 0 || Help().IsMatch(request)) return new OfflineIntent(OfflineIntentKind.Help);
        if (Thanks().IsMatch(request)) return new OfflineIntent(OfflineIntentKind.Thanks);
        if (CompleteAll().IsMatch(request)) return new OfflineIntent(OfflineIntentKind.CompleteAll);
        if (DeleteAll().IsMatch(request)) return new OfflineIntent(OfflineIntentKind.DeleteAll);
        if (Summarize().IsMatch(request)) return new OfflineIntent(OfflineIntentKind.Summarize);

        return AddTaskPhrase.TryParse(request, nowUtc)
            ?? TaskChangePhrase.TryParse(request, nowUtc)
            ?? ListPhrase.TryParse(request, nowUtc)
            ?? new OfflineIntent(OfflineIntentKind.Help);
    }

    // One line, plain apostrophes and quotes, without the politeness around the request itself
    // ("could you please …", "… for me, thanks?").
    private static string Normalize(string text)
    {
        text = Whitespace().Replace(text.Replace('’', '\'').Replace('‘', '\''), " ").Trim();
        string previous;
        do
        {
            previous = text;
            text = Politeness().Replace(text, "");
            text = TrailingPoliteness().Replace(text, "");
        }
        while (text != previous);
        return text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(
        @"^(?:please|pls|plz|ok(?:ay)?|so|now|then|and|also|just|kindly|hey|can\s+you|could\s+you|would\s+you|will\s+you|would\s+you\s+mind|can\s+i|i'?d\s+like\s+(?:you\s+)?to|i\s+want\s+you\s+to|go\s+ahead\s+and)[\s,]+(?=\S)",
        RegexOptions.IgnoreCase)]
    private static partial Regex Politeness();

    [GeneratedRegex(@"(?:[\s,]+(?:please|pls|thanks|thank\s+you|for\s+me))*[\s?!.,]*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingPoliteness();

    [GeneratedRegex(@"^(?:hi|hello|hey|hiya|howdy|yo|hola|greetings|good\s+(?:morning|afternoon|evening|day))(?:\s+(?:there|assistant|bot))?\b[\s,!.]*", RegexOptions.IgnoreCase)]
    private static partial Regex Greeting();

    [GeneratedRegex(
        @"^(?:help(?:\s+me)?|\?+|what\s+can\s+(?:you|i)\s+(?:do|say|ask)(?:\s+here)?|what\s+do\s+you\s+do|how\s+does\s+(?:this|it)\s+work" +
        @"|how\s+do\s+i\s+use\s+(?:this|you|it)|what\s+are\s+you|who\s+are\s+you|commands|instructions|usage|examples?|menu|options)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Help();

    [GeneratedRegex(@"^(?:thanks|thank\s+you|thx|ty|cheers|great|perfect|cool|nice|awesome|ok|okay|got\s+it)(?:\s+(?:so\s+much|a\s+lot|very\s+much))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Thanks();

    private const string All = @"(?:all(?:\s+(?:of\s+)?(?:my|the))?(?:\s+(?:open\s+)?(?:tasks|to-?dos|items))?|everything|every\s+(?:single\s+)?task)";

    [GeneratedRegex(
        @"^(?:(?:mark|set)\s+" + All + @"\s+(?:as\s+)?(?:done|complete|completed|finished)" +
        @"|(?:complete|finish|close|tick\s+off|check\s+off|cross\s+off)\s+" + All +
        @"|(?:tick|check|cross)\s+" + All + @"\s+off" +
        @"|i(?:'ve|\s+have)?\s+(?:finished|done|completed)\s+" + All + ")$",
        RegexOptions.IgnoreCase)]
    private static partial Regex CompleteAll();

    [GeneratedRegex(
        @"^(?:(?:delete|remove|clear|erase|wipe|drop|purge|trash)\s+(?:out\s+)?" + All +
        @"|(?:clear|wipe|empty|reset)\s+(?:out\s+)?(?:my|the)\s+(?:whole\s+|entire\s+)?(?:task\s+|to-?do\s+)?(?:list|tasks)" +
        @"|start\s+(?:over|fresh))$",
        RegexOptions.IgnoreCase)]
    private static partial Regex DeleteAll();

    [GeneratedRegex(
        @"^(?:summari[sz]e|sum\s+up|recap)\b" +
        @"|^(?:give\s+me\s+|show\s+me\s+|i\s+want\s+)?(?:an?\s+|my\s+)?(?:overview|summary|rundown|status|stats|statistics|progress)\b" +
        @"|^how(?:'m|\s+am)\s+i\s+doing|^how(?:'s|\s+is)\s+(?:it|everything|my\s+list|my\s+progress)\s+(?:going|looking)" +
        @"|^how\s+are\s+(?:things|my\s+tasks)|^where\s+do\s+i\s+stand",
        RegexOptions.IgnoreCase)]
    private static partial Regex Summarize();
}
