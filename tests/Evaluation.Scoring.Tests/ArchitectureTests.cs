namespace Evaluation.Scoring.Tests;

public class ArchitectureTests
{
    [Fact]
    public void ScoringAssembly_ReferencesNoWebStorageOrBrowserCode()
    {
        var references = typeof(SurveyScorer).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, name =>
            name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) ||
            name.StartsWith("Dapper", StringComparison.Ordinal) ||
            name.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) ||
            name.StartsWith("Npgsql", StringComparison.Ordinal) ||
            name.StartsWith("Evaluation.Reporting", StringComparison.Ordinal) ||
            name.StartsWith("Evaluation.Api", StringComparison.Ordinal));
        Assert.All(references, name => Assert.True(
            name is "Evaluation.Instruments" or "MathNet.Numerics" || name.StartsWith("System", StringComparison.Ordinal),
            $"unexpected reference {name}"));
    }

    [Fact]
    public void InstrumentsAssembly_HasNoPackageDependencies()
    {
        var references = typeof(Evaluation.Instruments.InstrumentLoader).Assembly.GetReferencedAssemblies().Select(a => a.Name!);
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal), $"unexpected reference {name}"));
    }
}
