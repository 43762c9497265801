using System.Reflection;

namespace Evaluation.Architecture.Tests;

/// <summary>
/// Projects are split by dependency weight and purity: scoring is pure, instruments have no packages, and nothing but
/// the host (Evaluation.Api) touches the web host's endpoints, storage or the database drivers.
/// </summary>
public class ProjectReferenceTests
{
    private static readonly Assembly Instruments = typeof(Evaluation.Instruments.InstrumentLoader).Assembly;
    private static readonly Assembly Scoring = typeof(Evaluation.Scoring.SurveyScorer).Assembly;
    private static readonly Assembly Reporting = typeof(Evaluation.Reporting.ReportRenderer).Assembly;
    private static readonly Assembly Form = typeof(Evaluation.Form.FormRenderer).Assembly;

    private static List<string> ReferencesOf(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

    private static bool IsStorageOrHost(string name) =>
        name.StartsWith("Evaluation.Api", StringComparison.Ordinal)
        || name.StartsWith("Dapper", StringComparison.Ordinal)
        || name.Contains("Sqlite", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Npgsql", StringComparison.Ordinal);

    public static TheoryData<string> Libraries => ["Evaluation.Instruments", "Evaluation.Scoring", "Evaluation.Reporting", "Evaluation.Form"];

    private static Assembly Named(string name) => new[] { Instruments, Scoring, Reporting, Form }.Single(a => a.GetName().Name == name);

    [Theory]
    [MemberData(nameof(Libraries))]
    public void NoLibrary_ReferencesTheHostOrStorage(string library)
    {
        Assert.DoesNotContain(ReferencesOf(Named(library)), IsStorageOrHost);
    }

    [Fact]
    public void Scoring_ReferencesOnlyInstrumentsMathNetAndTheRuntime()
    {
        Assert.All(ReferencesOf(Scoring), name => Assert.True(
            name is "Evaluation.Instruments" or "MathNet.Numerics" || name.StartsWith("System", StringComparison.Ordinal),
            $"Scoring must stay pure (no web, storage, logging or browser code), yet references {name}"));
    }

    [Fact]
    public void Instruments_HaveNoPackageDependencies_OnlyTheTexts()
    {
        Assert.All(ReferencesOf(Instruments), name => Assert.True(name == "Evaluation.Localisation" || name.StartsWith("System", StringComparison.Ordinal),
            $"unexpected reference {name}"));
    }

    [Fact]
    public void Localisation_ReferencesOnlyTheRuntime()
    {
        Assert.All(ReferencesOf(typeof(Evaluation.Localisation.TextCatalogue).Assembly),
            name => Assert.True(name.StartsWith("System", StringComparison.Ordinal), $"the texts need nothing but the runtime, yet reference {name}"));
    }

    [Fact]
    public void TheFormAndReports_DoNotReferenceEachOther()
    {
        Assert.DoesNotContain("Evaluation.Reporting", ReferencesOf(Form));
        Assert.DoesNotContain("Evaluation.Form", ReferencesOf(Reporting));
    }
}
