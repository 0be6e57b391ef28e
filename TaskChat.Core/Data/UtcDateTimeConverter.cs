using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TaskChat.Core.Data;

/// <summary>
/// Every DateTime in the database is UTC, but SQLite stores it as text without a kind; this gives
/// the kind back on read so nothing downstream mistakes it for local time. DateTime (not
/// DateTimeOffset) is used because SQLite can order and compare these strings directly.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
