using Microsoft.Extensions.AI;

namespace TaskChat.Core.Assistant.Providers;

/// <summary>The chat client in use, and how to name it to the user ("Gemini · gemini-2.5-flash").</summary>
public sealed record AssistantProvider(string Name, string DisplayName, string Model, IChatClient Client);
