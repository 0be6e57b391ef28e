namespace TaskChat.Core.Tasks;

public enum TaskField
{
    Title,
    Description,
    Priority,
    Due,
    Tags,
    Recurrence,
    Query,
}

public sealed record TaskValidationError(TaskField Field, string Message);

/// <summary>The input broke one or more rules; nothing was changed.</summary>
public sealed class TaskValidationException(IReadOnlyList<TaskValidationError> errors)
    : Exception(string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<TaskValidationError> Errors { get; } = errors;

    public TaskValidationException(TaskField field, string message) : this([new(field, message)]) { }
}

/// <summary>
/// No task with this id belongs to the caller. Raised the same way whether the id does not exist
/// or belongs to someone else, so ids reveal nothing about other users.
/// </summary>
public sealed class TaskNotFoundException(int taskId) : Exception($"Task {taskId} was not found.")
{
    public int TaskId { get; } = taskId;
}
