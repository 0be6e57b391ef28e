using System.Text.Json.Serialization;
using TaskChat.Core.Chat;

namespace TaskChat.Core.Sync;

/// <summary>
/// Something changed for one user. Events carry ids and small payloads; receivers reload what they
/// need from the database, so a lost or skipped event costs a reload, never a wrong screen.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TasksChanged), "tasks")]
[JsonDerivedType(typeof(ThreadChanged), "thread")]
[JsonDerivedType(typeof(RunStarted), "run-started")]
[JsonDerivedType(typeof(RunChunk), "run-chunk")]
[JsonDerivedType(typeof(RunToolCall), "run-tool")]
[JsonDerivedType(typeof(RunFinished), "run-finished")]
[JsonDerivedType(typeof(Resync), "resync")]
[JsonDerivedType(typeof(RunStopRequested), "run-stop")]
[JsonDerivedType(typeof(RunDecision), "run-decision")]
[JsonDerivedType(typeof(RunSnapshotRequested), "run-snapshot-requested")]
[JsonDerivedType(typeof(RunSnapshotted), "run-snapshot")]
[JsonDerivedType(typeof(SessionsEnded), "sessions-ended")]
[JsonDerivedType(typeof(AccessTokensChanged), "access-tokens")]
[JsonDerivedType(typeof(AppApprovalsChanged), "app-approvals")]
public abstract record UserEvent;

public enum ChangeKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>One task changed, or (TaskId null) many at once.</summary>
public sealed record TasksChanged(int? TaskId, ChangeKind Kind) : UserEvent;

/// <summary>A thread was created, renamed, deleted, or got a new message.</summary>
public sealed record ThreadChanged(int ThreadId, ChangeKind Kind) : UserEvent;

public sealed record RunStarted(int ThreadId, long MessageId) : UserEvent;

/// <summary>Text appended to a streaming answer; <see cref="Length"/> is the answer's length after it, to detect gaps.</summary>
public sealed record RunChunk(int ThreadId, long MessageId, string Delta, int Length) : UserEvent;

/// <summary>A tool call appeared or changed state (running, awaiting approval, done).</summary>
public sealed record RunToolCall(int ThreadId, long MessageId, ToolCallView Call) : UserEvent;

public sealed record RunFinished(int ThreadId, long MessageId, MessageStatus Status, string? Error) : UserEvent;

/// <summary>This subscriber fell behind and events were dropped: reload everything shown.</summary>
public sealed record Resync : UserEvent;

// Run control, for when the tab and the answer are on different server instances: the instance
// that runs the answer acts on these; the others ignore them.

/// <summary>A tab asked to stop the thread's answer.</summary>
public sealed record RunStopRequested(int ThreadId) : UserEvent;

/// <summary>A tab answered an approval card.</summary>
public sealed record RunDecision(int ThreadId, long ToolCallId, bool Approved) : UserEvent;

/// <summary>A tab that joined mid-answer asks for the text so far.</summary>
public sealed record RunSnapshotRequested(int ThreadId) : UserEvent;

/// <summary>The answer's text and tool calls so far, for tabs that joined mid-answer.</summary>
public sealed record RunSnapshotted(int ThreadId, long MessageId, string Text, IReadOnlyList<ToolCallView> ToolCalls) : UserEvent;

/// <summary>
/// A sign-in session ended (signed out), or (SessionId null) all of the user's did (signed out
/// everywhere): the tabs of those sessions stop acting and go to sign in.
/// </summary>
public sealed record SessionsEnded(string? SessionId) : UserEvent;

/// <summary>A personal access token was made or revoked: the Connected apps page reloads its list.</summary>
public sealed record AccessTokensChanged : UserEvent;

/// <summary>A connected app asked for confirmation, or a request was decided: the approval cards reload.</summary>
public sealed record AppApprovalsChanged : UserEvent;
