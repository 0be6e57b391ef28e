using Xunit.Abstractions;
using Xunit.Sdk;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// A test written once and run on both databases: it sits in an abstract class whose nested
/// <c>OnSqlite</c> and <c>OnPostgres</c> classes pick the provider. In <c>OnPostgres</c> it is
/// skipped with the reason when PostgreSQL is not installed (as <see cref="PostgresFactAttribute"/>),
/// which a plain [Fact] cannot do: its skip cannot depend on the class it runs in.
/// </summary>
[XunitTestCaseDiscoverer("TaskChat.Tests.Infrastructure.ProviderFactDiscoverer", "TaskChat.Tests")]
public sealed class ProviderFactAttribute : FactAttribute;

/// <summary>The theory counterpart of <see cref="ProviderFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("TaskChat.Tests.Infrastructure.ProviderTheoryDiscoverer", "TaskChat.Tests")]
public sealed class ProviderTheoryAttribute : TheoryAttribute;

public sealed class ProviderFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo fact) =>
        ProviderSkip.For(method) is { } reason ? ProviderSkip.Case(DiagnosticMessageSink, options, method, reason) : base.Discover(options, method, fact);
}

public sealed class ProviderTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo theory) =>
        ProviderSkip.For(method) is { } reason ? ProviderSkip.Case(DiagnosticMessageSink, options, method, reason) : base.Discover(options, method, theory);
}

internal static class ProviderSkip
{
    public static string? For(ITestMethod method) =>
        method.TestClass.Class.Name.EndsWith("+OnPostgres", StringComparison.Ordinal) ? PostgresFactAttribute.SkipReason : null;

    public static IEnumerable<IXunitTestCase> Case(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod method, string reason) =>
        [new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason)];
}
