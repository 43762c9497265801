namespace Evaluation.Api.Tests.Durability;

/// <summary>Figures the trust tests measure, appended to figures.txt in the test output folder, which tests/run.sh prints at the end.</summary>
public static class Figures
{
    private static readonly Lock Gate = new();

    public static string PathOf => Path.Combine(RepositoryPaths.TestOutput, "figures.txt");

    public static void Record(string line)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(PathOf)!);
            File.AppendAllText(PathOf, $"{line} ({(TestBackend.IsPostgres ? "PostgreSQL" : "SQLite")} run)\n");
        }
    }

    /// <summary>The value at <paramref name="quantile"/> (0–1) of the sorted <paramref name="values"/>.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double quantile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}
