using Xunit.Abstractions;
using Xunit.Sdk;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// A browser test across instances written once for every store: needs Chromium and redis-server
/// (skipped or required as <see cref="BrowserAndRedisFactAttribute"/> says) and, in a nested
/// <c>OnPostgres</c> class, PostgreSQL (as <see cref="ProviderFactAttribute"/>).
/// </summary>
[XunitTestCaseDiscoverer("TaskChat.Tests.Infrastructure.ClusterFactDiscoverer", "TaskChat.Tests")]
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute() => Skip = new BrowserAndRedisFactAttribute().Skip;
}

public sealed class ClusterFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo fact) =>
        ProviderSkip.For(method) is { } reason ? ProviderSkip.Case(DiagnosticMessageSink, options, method, reason) : base.Discover(options, method, fact);
}
