using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace TaskChat.Core.Assistant.Providers.Gemini;

/// <summary>
/// Builds the GenerateContentRequest body: system messages become <c>systemInstruction</c>, user and
/// assistant messages <c>user</c> and <c>model</c> turns, tool results <c>functionResponse</c> parts in
/// a <c>user</c> turn, and the offered functions <c>tools.functionDeclarations</c>.
/// </summary>
/// <remarks>
/// Thought signatures. Gemini's thinking models attach a <c>thoughtSignature</c> to the first
/// functionCall part of a step (sometimes to text parts) and validate, for the current turn only —
/// everything after the latest user message with text — that each step's signature comes back in the
/// same part. Within one answer the function-calling loop (Microsoft.Extensions.AI's
/// FunctionInvokingChatClient) sends back the contents it was streamed, the very objects with their
/// additional properties, and <see cref="GeminiPartData"/> writes their kept fields back here, so
/// the tool-result rounds of an answer carry every signature unchanged. Earlier answers are rebuilt
/// from the database without signatures: Gemini does not validate previous turns, and storing opaque
/// per-provider blobs for them would only keep reasoning context the model no longer needs.
/// </remarks>
internal static class GeminiRequestBuilder
{
    public static JsonObject Build(IEnumerable<ChatMessage> messages, ChatOptions? options, int? thinkingBudget)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var conversation = messages.ToList();
        var request = new JsonObject();

        var system = conversation.Where(m => m.Role == ChatRole.System)
            .SelectMany(m => m.Contents.OfType<TextContent>()).Where(t => t.Text.Length > 0)
            .Select(t => (JsonNode)new JsonObject { ["text"] = t.Text }).ToArray();
        if (system.Length > 0) request["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray(system) };

        request["contents"] = Contents(conversation);
        if (Tools(options) is { } tools) request["tools"] = tools;
        if (ToolConfig(options?.ToolMode) is { } toolConfig) request["toolConfig"] = toolConfig;
        if (GenerationConfig(options, thinkingBudget) is { } generation) request["generationConfig"] = generation;
        return request;
    }

    private static JsonArray Contents(List<ChatMessage> conversation)
    {
        // Gemini pairs a functionResponse with its call by name, which our results do not carry.
        var calls = new Dictionary<string, FunctionCallContent>();
        foreach (var call in conversation.SelectMany(m => m.Contents.OfType<FunctionCallContent>()))
            calls[call.CallId] = call;

        var contents = new JsonArray();
        JsonObject? previous = null;
        foreach (var message in conversation.Where(m => m.Role != ChatRole.System))
        {
            var role = message.Role == ChatRole.Assistant ? "model"
                : message.Role == ChatRole.User || message.Role == ChatRole.Tool ? "user"
                : throw new NotSupportedException($"The chat role '{message.Role}' has no Gemini equivalent.");
            var parts = message.Contents.Select(c => Part(c, calls)).OfType<JsonObject>().ToList();
            if (parts.Count == 0) continue; // Gemini refuses a turn without parts

            // Consecutive turns of one role (tool results, then the next question) become one turn.
            if (previous is not null && (string?)previous["role"] == role)
                foreach (var part in parts) previous["parts"]!.AsArray().Add(part);
            else
                contents.Add(previous = new JsonObject { ["role"] = role, ["parts"] = new JsonArray([.. parts]) });
        }
        return contents;
    }

    private static JsonObject? Part(AIContent content, Dictionary<string, FunctionCallContent> calls) => content switch
    {
        TextContent text when text.Text.Length > 0 || GeminiPartData.Carries(text) =>
            GeminiPartData.Restore(new JsonObject { ["text"] = text.Text }, text),
        TextReasoningContent thought =>
            GeminiPartData.Restore(new JsonObject { ["text"] = thought.Text, ["thought"] = true }, thought),
        FunctionCallContent call => GeminiPartData.Restore(new JsonObject { ["functionCall"] = FunctionCall(call) }, call),
        FunctionResultContent result => new JsonObject { ["functionResponse"] = FunctionResponse(result, calls) },
        _ => null,
    };

    private static JsonObject FunctionCall(FunctionCallContent call)
    {
        var functionCall = new JsonObject { ["name"] = call.Name };
        if (GeminiCallIds.ForGemini(call.CallId) is { } id) functionCall["id"] = id;
        functionCall["args"] = JsonSerializer.SerializeToNode(call.Arguments ?? new Dictionary<string, object?>(),
            AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
        return functionCall;
    }

    private static JsonObject FunctionResponse(FunctionResultContent result, Dictionary<string, FunctionCallContent> calls)
    {
        if (!calls.TryGetValue(result.CallId, out var call))
            throw new ArgumentException($"The tool result '{result.CallId}' has no matching call earlier in the conversation.", nameof(result));
        var response = new JsonObject { ["name"] = call.Name };
        if (GeminiCallIds.ForGemini(call.CallId) is { } id) response["id"] = id;
        response["response"] = ResponseObject(result.Result);
        return response;
    }

    // functionResponse.response must be a JSON object; our tools answer with JSON text, and anything
    // that is not an object is wrapped rather than refused.
    private static JsonObject ResponseObject(object? result)
    {
        var node = result switch
        {
            null => null,
            string text => ParseOrText(text),
            JsonElement { ValueKind: JsonValueKind.Undefined } => null,
            JsonElement json => JsonNode.Parse(json.GetRawText()),
            JsonNode json => json.DeepClone(),
            _ => JsonSerializer.SerializeToNode(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(result.GetType())),
        };
        return node as JsonObject ?? new JsonObject { ["result"] = node };
    }

    private static JsonNode? ParseOrText(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static JsonArray? Tools(ChatOptions? options)
    {
        // Only plain functions: hosted tools of other providers have no Gemini declaration.
        var declarations = new JsonArray();
        foreach (var function in options?.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            var declaration = new JsonObject { ["name"] = function.Name, ["description"] = function.Description ?? "" };
            if (GeminiSchemaSanitizer.Parameters(function.JsonSchema) is { } parameters) declaration["parameters"] = parameters;
            declarations.Add(declaration);
        }
        return declarations.Count == 0 ? null : new JsonArray(new JsonObject { ["functionDeclarations"] = declarations });
    }

    private static JsonObject? ToolConfig(ChatToolMode? mode)
    {
        var config = mode switch
        {
            NoneChatToolMode => new JsonObject { ["mode"] = "NONE" },
            AutoChatToolMode => new JsonObject { ["mode"] = "AUTO" },
            RequiredChatToolMode { RequiredFunctionName: { } name } => new JsonObject { ["mode"] = "ANY", ["allowedFunctionNames"] = new JsonArray(name) },
            RequiredChatToolMode => new JsonObject { ["mode"] = "ANY" },
            _ => null,
        };
        return config is null ? null : new JsonObject { ["functionCallingConfig"] = config };
    }

    private static JsonObject? GenerationConfig(ChatOptions? options, int? thinkingBudget)
    {
        var config = new JsonObject();
        if (options?.Temperature is { } temperature) config["temperature"] = temperature;
        if (options?.MaxOutputTokens is { } maxOutputTokens) config["maxOutputTokens"] = maxOutputTokens;
        if (thinkingBudget is { } budget) config["thinkingConfig"] = new JsonObject { ["thinkingBudget"] = budget };
        return config.Count == 0 ? null : config;
    }
}
