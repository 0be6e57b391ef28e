namespace TaskChat.Core.Tasks;

/// <summary>Stored as its number, so ordering by priority is ordering by urgency.</summary>
public enum TaskPriority
{
    Low = 0,
    Medium = 1,
    High = 2,
}
