using Microsoft.Extensions.Logging.Abstractions;
using TaskChat.Core.Sync;

namespace TaskChat.Tests.Sync;

public sealed class InMemoryBroadcasterTests : BroadcasterContract
{
    protected override Task<IUserBroadcaster> CreateAsync(int queueCapacity = 512) =>
        Task.FromResult<IUserBroadcaster>(new InMemoryUserBroadcaster(NullLogger<InMemoryUserBroadcaster>.Instance, queueCapacity));
}
