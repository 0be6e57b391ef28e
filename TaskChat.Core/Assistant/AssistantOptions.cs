namespace TaskChat.Core.Assistant;

/// <summary>The "Assistant" configuration section. Environment variables override it (Assistant__ApiKey).</summary>
public sealed class AssistantOptions
{
    public const string Section = "Assistant";

    /// <summary>Offline, OpenAICompatible or Gemini; empty picks Gemini when GEMINI_API_KEY is set, else Offline.</summary>
    public string? Provider { get; set; }
    /// <summary>Base URL of an OpenAI-compatible server, e.g. http://localhost:11434/v1 for Ollama; for Gemini, of its native API.</summary>
    public string? Endpoint { get; set; }
    public string? Model { get; set; }
    /// <summary>Never logged and never sent to the browser.</summary>
    public string? ApiKey { get; set; }
    public float? Temperature { get; set; }
    /// <summary>Gemini only: thinking tokens per model call (0 turns thinking off where the model allows, -1 lets it decide); unset keeps the model's default.</summary>
    public int? ThinkingBudget { get; set; }

    public int FirstTokenTimeoutSeconds { get; set; } = 30;
    public int AnswerTimeoutSeconds { get; set; } = 180;
    /// <summary>Model calls in one answer before the loop gives up on a model that keeps calling tools.</summary>
    public int MaxToolRounds { get; set; } = 8;
    /// <summary>Automatic retries of 429/5xx/timeouts, only ever before any of the answer was shown.</summary>
    public int MaxRetries { get; set; } = 2;
    public int MessageMaxLength { get; set; } = 10_000;
    public int SendsPerMinute { get; set; } = 10;
    public int SendsPerDay { get; set; } = 100;
    /// <summary>How many earlier messages of the thread the model sees.</summary>
    public int HistoryMessages { get; set; } = 40;
    /// <summary>How often a streaming answer's text is saved, so a crash loses at most this much.</summary>
    public double SnapshotSeconds { get; set; } = 2;
    /// <summary>Delay between the offline assistant's streamed words, so it reads like the others.</summary>
    public int OfflineChunkDelayMs { get; set; } = 15;
}
