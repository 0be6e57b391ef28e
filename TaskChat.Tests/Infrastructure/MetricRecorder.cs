using System.Diagnostics.Metrics;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// Every measurement of one meter instance, with its tags. TaskChat's meter is made per service
/// provider, so listening to this test's own meter (by reference, not by name) leaves out what
/// tests running beside it record.
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<Measured> measured = [];

    public MetricRecorder(Meter meter)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    public sealed record Measured(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags);

    public IReadOnlyList<Measured> Of(string instrument)
    {
        lock (measured) return measured.Where(m => m.Instrument == instrument).ToArray();
    }

    /// <summary>The sum of an instrument's measurements whose tags include all of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, object Value)[] tags) =>
        Of(instrument).Where(m => tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).Sum(m => m.Value);

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        lock (measured) measured.Add(new Measured(instrument.Name, instrument.Unit, value, copy));
    }

    public void Dispose() => listener.Dispose();
}
