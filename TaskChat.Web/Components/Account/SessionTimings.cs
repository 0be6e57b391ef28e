namespace TaskChat.Web.Components.Account;

/// <param name="Revalidate">
/// How often an open tab re-checks its sign-in in the background, and how old a sign-in cookie may
/// be before a page request re-checks it (Accounts:RevalidateSeconds).
/// </param>
/// <param name="ActivityCheck">
/// How long one check covers a tab's clicks and keystrokes before the next one checks again
/// (Accounts:ActivityCheckSeconds): a few seconds, so typing costs no queries.
/// </param>
public sealed record SessionTimings(TimeSpan Revalidate, TimeSpan ActivityCheck);
