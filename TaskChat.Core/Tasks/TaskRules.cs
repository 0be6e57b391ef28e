using System.Text;
using TaskChat.Core.Tasks.Recurrence;
using TaskChat.Core.Text;

namespace TaskChat.Core.Tasks;

/// <summary>
/// The rules a task's fields obey, applied the same way to the dashboard, the assistant's tools
/// and restores. Each method returns the normalised value or adds a specific error.
/// </summary>
public static class TaskRules
{
    public const int TitleMaxLength = 255;
    public const int DescriptionMaxLength = 2000;
    public const int MaxTags = 10;
    public const int TagMaxLength = 50;
    public const int SearchMaxLength = 200;

    public static string Title(string? value, List<TaskValidationError> errors)
    {
        // A title is one line: pasted newlines and tabs become spaces rather than errors.
        var title = CollapseWhitespace(value ?? "");
        if (title.Length == 0)
            errors.Add(new(TaskField.Title, "Title is required."));
        else if (title.Length > TitleMaxLength)
            errors.Add(new(TaskField.Title, $"Title must be at most {TitleMaxLength} characters (it has {title.Length})."));
        else if (HasControlCharacters(title))
            errors.Add(new(TaskField.Title, "Title cannot contain control characters."));
        else if (DirectionControls.AnyIn(title))
            errors.Add(new(TaskField.Title, DirectionControls.Message("Title")));
        return title;
    }

    public static string Description(string? value, List<TaskValidationError> errors)
    {
        var description = (value ?? "").Replace("\r\n", "\n").Trim();
        if (description.Length > DescriptionMaxLength)
            errors.Add(new(TaskField.Description, $"Description must be at most {DescriptionMaxLength} characters (it has {description.Length})."));
        else if (description.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            errors.Add(new(TaskField.Description, "Description cannot contain control characters."));
        else if (DirectionControls.AnyIn(description))
            errors.Add(new(TaskField.Description, DirectionControls.Message("Description")));
        return description;
    }

    public static TaskPriority Priority(TaskPriority value, List<TaskValidationError> errors)
    {
        if (!Enum.IsDefined(value))
            errors.Add(new(TaskField.Priority, "Priority must be low, medium or high."));
        return value;
    }

    public static DateTime? Due(DateTime? value, List<TaskValidationError> errors)
    {
        if (value is not { } due) return null;
        if (due.Kind != DateTimeKind.Utc)
        {
            // Unspecified or server-local times are not the user's zone; guessing would shift the
            // date silently. Callers convert from the user's zone first.
            errors.Add(new(TaskField.Due, "Due date must be given in UTC."));
            return null;
        }
        if (due.Year is < 1970 or > 9998)
            errors.Add(new(TaskField.Due, "Due date must be between 1970 and 9998."));
        return due;
    }

    /// <summary>
    /// A repeat rule (RRULE value) in canonical form, or null for none. A recurring task needs a due
    /// date: the due is the occurrence the rule counts on from.
    /// </summary>
    public static string? Recurrence(string? value, DateTime? due, List<TaskValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!RecurrenceRule.TryParse(value, out var rule, out var error))
        {
            errors.Add(new(TaskField.Recurrence, error));
            return null;
        }
        if (due is null) errors.Add(new(TaskField.Recurrence, "A recurring task needs a due date."));
        return rule.Text;
    }

    public static IReadOnlyList<string> Tags(IEnumerable<string>? values, List<TaskValidationError> errors)
    {
        var tags = new List<string>();
        foreach (var raw in values ?? [])
        {
            var tag = Tag(raw, errors);
            if (tag.Length > 0 && !tags.Contains(tag)) tags.Add(tag);
        }
        if (tags.Count > MaxTags)
            errors.Add(new(TaskField.Tags, $"A task can have at most {MaxTags} tags (it has {tags.Count})."));
        return tags;
    }

    /// <summary>A tag as stored and compared: trimmed, lower-case, inner whitespace collapsed.</summary>
    public static string Tag(string? raw, List<TaskValidationError> errors)
    {
        var tag = CollapseWhitespace(raw ?? "").TrimStart('#').TrimStart().ToLowerInvariant();
        if (tag.Length > TagMaxLength)
            errors.Add(new(TaskField.Tags, $"Tag \"{tag[..20]}…\" is longer than {TagMaxLength} characters."));
        else if (tag.Contains(',') || HasControlCharacters(tag) || DirectionControls.AnyIn(tag))
            errors.Add(new(TaskField.Tags, $"Tag \"{tag}\" cannot contain commas or control characters."));
        return tag;
    }

    /// <summary>Splits what a person types in a tags box: "home, urgent ,errands".</summary>
    public static IEnumerable<string> SplitTags(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static void ThrowIfAny(List<TaskValidationError> errors)
    {
        if (errors.Count > 0) throw new TaskValidationException(errors);
    }

    private static string CollapseWhitespace(string value)
    {
        var sb = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool HasControlCharacters(string value) => value.Any(char.IsControl);
}
