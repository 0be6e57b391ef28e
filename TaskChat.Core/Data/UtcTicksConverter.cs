using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TaskChat.Core.Data;

/// <summary>
/// On PostgreSQL every DateTime is stored as its UTC ticks (bigint). timestamptz keeps microseconds
/// only, so a time stamped by the app (100 ns ticks) would read back different from the one it
/// holds in memory, and version checks such as the task editor's UpdatedUtc would see a change
/// that never happened. Ticks round-trip exactly, as SQLite's text does, and order and compare the
/// same way; they come back as UTC.
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTime, long>(
    v => (v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime()).Ticks,
    v => new DateTime(v, DateTimeKind.Utc));
