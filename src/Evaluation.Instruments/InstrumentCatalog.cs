namespace Evaluation.Instruments;

/// <summary>Every instrument, theory of change and capacity assessment loaded from one folder.</summary>
public sealed class InstrumentCatalog(
    IReadOnlyList<LoadedFile<SurveyInstrument>> surveys,
    IReadOnlyList<LoadedFile<TheoryOfChange>> theoriesOfChange,
    IReadOnlyList<LoadedFile<CapacityAssessment>> capacityAssessments)
{
    public IReadOnlyList<LoadedFile<SurveyInstrument>> Surveys { get; } = surveys;

    public IReadOnlyList<LoadedFile<TheoryOfChange>> TheoriesOfChange { get; } = theoriesOfChange;

    public IReadOnlyList<LoadedFile<CapacityAssessment>> CapacityAssessments { get; } = capacityAssessments;

    public LoadedFile<SurveyInstrument>? FindSurvey(string id, string version) =>
        Surveys.FirstOrDefault(s => s.Content.Id == id && s.Content.Version == version);

    /// <summary>The theory of change written for this instrument version, if any.</summary>
    public TheoryOfChange? TheoryOfChangeFor(SurveyInstrument instrument) =>
        TheoriesOfChange.Select(t => t.Content)
            .Where(t => t.Instrument.Id == instrument.Id && t.Instrument.Version == instrument.Version)
            .OrderByDescending(t => int.TryParse(t.Version, out var number) ? number : -1)
            .ThenByDescending(t => t.Version, StringComparer.Ordinal)
            .FirstOrDefault();
}

/// <summary>A loaded file with the SHA-256 of its bytes, so a published version can be checked for edits.</summary>
public sealed record LoadedFile<T>(string FileName, string Sha256, T Content);
