using Evaluation.Api.Responses;
using Evaluation.Api.Scores;
using Evaluation.Instruments;
using Evaluation.Reporting;

namespace Evaluation.Api.Reports;

/// <summary>Turns a scored survey into its report's HTML: the report model, the theory of change and the data snapshot.</summary>
public sealed class ReportMaker(InstrumentCatalog catalog, ResponseStore responses, ReportRenderer renderer)
{
    /// <param name="asOf">The day the report states it was produced: today for a live report, the closing day for a release.</param>
    public async Task<(string Html, DataSnapshot Snapshot)> RenderAsync(ScoredSurvey scored, string language, DateOnly asOf, CancellationToken cancellationToken)
    {
        var instrument = scored.Instrument.Content;
        var (count, sha256) = await responses.SnapshotAsync(scored.Survey.Id, cancellationToken);
        var snapshot = new DataSnapshot(count, sha256);
        var model = ReportBuilder.Build(new ReportInput(
            instrument,
            catalog.TheoryOfChangeFor(instrument),
            scored.Scores,
            scored.Survey.OrganisationName,
            scored.Survey.Title,
            scored.Survey.OpensOn,
            scored.Survey.ClosesOn,
            scored.Survey.Circles.ToDictionary(c => c.Id, c => c.Name),
            asOf,
            language,
            snapshot));
        return (await renderer.RenderAsync(model), snapshot);
    }
}
