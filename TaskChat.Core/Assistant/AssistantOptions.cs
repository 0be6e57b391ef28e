using System.ComponentModel.DataAnnotations;

namespace TaskChat.Core.Assistant;

/// <summary>
/// The "Assistant" configuration section. Environment variables override it (Assistant__ApiKey). The
/// ranges are checked when the app starts, so a bad value stops it with the key named.
/// </summary>
public sealed class AssistantOptions : IValidatableObject
{
    public const string Section = "Assistant";

    /// <summary>Offline, OpenAICompatible or Gemini; empty picks Gemini when GEMINI_API_KEY is set, else Offline.</summary>
    public string? Provider { get; set; }
    /// <summary>Base URL of an OpenAI-compatible server, e.g. http://localhost:11434/v1 for Ollama; for Gemini, of its native API.</summary>
    public string? Endpoint { get; set; }
    public string? Model { get; set; }
    /// <summary>Never logged and never sent to the browser.</summary>
    public string? ApiKey { get; set; }
    [Range(0.0, 2.0, ErrorMessage = "Assistant:Temperature must be between {1} and {2}.")]
    public float? Temperature { get; set; }
    /// <summary>Gemini only: thinking tokens per model call (0 turns thinking off where the model allows, -1 lets it decide); unset keeps the model's default.</summary>
    [Range(-1, int.MaxValue, ErrorMessage = "Assistant:ThinkingBudget must be -1 (the model decides), 0 (off) or more.")]
    public int? ThinkingBudget { get; set; }

    [Range(1, 3600, ErrorMessage = "Assistant:FirstTokenTimeoutSeconds must be between {1} and {2} seconds.")]
    public int FirstTokenTimeoutSeconds { get; set; } = 30;
    [Range(1, 86400, ErrorMessage = "Assistant:AnswerTimeoutSeconds must be between {1} and {2} seconds.")]
    public int AnswerTimeoutSeconds { get; set; } = 180;
    /// <summary>Model calls in one answer before the loop gives up on a model that keeps calling tools.
    /// At least 2: one call that uses tools and one that answers.</summary>
    [Range(2, 100, ErrorMessage = "Assistant:MaxToolRounds must be between {1} and {2}.")]
    public int MaxToolRounds { get; set; } = 8;
    /// <summary>Automatic retries of 429/5xx/timeouts, only ever before any of the answer was shown.</summary>
    [Range(0, 10, ErrorMessage = "Assistant:MaxRetries must be between {1} and {2}.")]
    public int MaxRetries { get; set; } = 2;
    [Range(1, 1_000_000, ErrorMessage = "Assistant:MessageMaxLength must be between {1} and {2} characters.")]
    public int MessageMaxLength { get; set; } = 10_000;
    [Range(1, int.MaxValue, ErrorMessage = "Assistant:SendsPerMinute must be at least {1}.")]
    public int SendsPerMinute { get; set; } = 10;
    [Range(1, int.MaxValue, ErrorMessage = "Assistant:SendsPerDay must be at least {1}.")]
    public int SendsPerDay { get; set; } = 100;
    /// <summary>How many earlier messages of the thread the model sees.</summary>
    [Range(1, 10_000, ErrorMessage = "Assistant:HistoryMessages must be between {1} and {2}.")]
    public int HistoryMessages { get; set; } = 40;
    /// <summary>How often a streaming answer's text is saved, so a crash loses at most this much.</summary>
    [Range(0.1, 3600.0, ErrorMessage = "Assistant:SnapshotSeconds must be between {1} and {2} seconds.")]
    public double SnapshotSeconds { get; set; } = 2;
    /// <summary>
    /// How long an answer's heartbeat (its snapshot) may be silent before another instance sharing the
    /// database takes it for cut off and marks it interrupted. At least three snapshots long, so one
    /// slow or busy save does not end an answer that is still being written.
    /// </summary>
    [Range(0.3, 86400.0, ErrorMessage = "Assistant:InterruptAfterSeconds must be between {1} and {2} seconds.")]
    public double InterruptAfterSeconds { get; set; } = 30;
    /// <summary>Delay between the offline assistant's streamed words, so it reads like the others.</summary>
    [Range(0, 10_000, ErrorMessage = "Assistant:OfflineChunkDelayMs must be between {1} and {2} milliseconds.")]
    public int OfflineChunkDelayMs { get; set; } = 15;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (InterruptAfterSeconds < 3 * SnapshotSeconds)
            yield return new ValidationResult(
                $"Assistant:InterruptAfterSeconds ({InterruptAfterSeconds}) must be at least 3 × Assistant:SnapshotSeconds ({SnapshotSeconds}): " +
                "a shorter silence would mark answers still being written as interrupted.",
                [nameof(InterruptAfterSeconds)]);
    }
}
