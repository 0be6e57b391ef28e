using System.Text.Json;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Benchmarks;

/// <summary>Collects figures, prints them as a table, and writes bench-results.json at the repository root.</summary>
public sealed class BenchmarkReport
{
    private readonly List<Figure> figures = [];

    public void Add(string name, IReadOnlyCollection<double> samples, string unit, string? target = null)
    {
        var sorted = samples.Order().ToArray();
        figures.Add(new Figure(name, unit, sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), target));
    }

    public string Write()
    {
        var lines = new List<string>
        {
            $"TaskChat benchmarks · {Environment.ProcessorCount} cores · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
            $"{"measure",-66} {"runs",5} {"p50",9} {"p95",9} {"p99",9}  unit  target",
        };
        lines.AddRange(figures.Select(f => $"{f.Name,-66} {f.Runs,5} {f.P50,9:0.0} {f.P95,9:0.0} {f.P99,9:0.0}  {f.Unit,-4}  {f.Target}"));
        var table = string.Join(Environment.NewLine, lines);

        // Each benchmark adds its figures to the file, replacing its own earlier ones and keeping the rest.
        var path = Path.Combine(RepoPaths.Root, "bench-results.json");
        var options = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        var kept = File.Exists(path)
            ? (JsonSerializer.Deserialize<Results>(File.ReadAllText(path), options)?.Figures ?? []).Where(f => figures.All(n => n.Name != f.Name))
            : [];
        File.WriteAllText(path, JsonSerializer.Serialize(new Results(Environment.ProcessorCount, DateTime.UtcNow, [.. kept, .. figures]), options));
        Console.WriteLine(table);
        return table;
    }

    private static double Percentile(double[] sorted, int p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed record Figure(string Name, string Unit, int Runs, double P50, double P95, double P99, string? Target);

    private sealed record Results(int Cores, DateTime Utc, List<Figure> Figures);
}
