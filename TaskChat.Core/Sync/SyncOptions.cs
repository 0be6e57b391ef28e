using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace TaskChat.Core.Sync;

/// <summary>The "Sync" section.</summary>
public sealed class SyncOptions : IValidatableObject
{
    public const string Section = "Sync";

    /// <summary>A StackExchange.Redis configuration string: set, tabs on several server instances stay in sync.</summary>
    public string? Redis { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Redis)) yield break;
        string? problem = null;
        try
        {
            ConfigurationOptions.Parse(Redis);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            problem = e.Message;
        }
        if (problem is not null) yield return new ValidationResult($"Sync:Redis is not a Redis configuration string: {problem}", [nameof(Redis)]);
    }
}
