using Evaluation.Api.Hosting;
using Evaluation.Api.Scores;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Reporting;

namespace Evaluation.Api.Reports;

public enum ReleaseRefusal
{
    None,
    UnknownSurvey,

    /// <summary>A language the survey's instrument is not written in: nothing is released, and the survey is left as it was.</summary>
    UnknownLanguage,
    NotClosed,
    AlreadyReleased,
    PrintingFailed,
}

public sealed record ReleaseOutcome(ReleaseRefusal Refusal, IReadOnlyList<ReleasedReport> Releases, PdfResult? Printing = null,
    IReadOnlyList<(string Field, string Message)>? Errors = null);

/// <summary>
/// Releases a closed survey's report to funders: rendered as at its closing day (so the same data always gives the
/// same HTML, whose SHA-256 is the release's id), printed to PDF, stored for good. Figures of an open survey can still
/// change, and two releases a response apart would expose that response: only closed surveys are released (releasing
/// closes one past its closing day), each once per language, all languages from the same data; withdrawals stop once
/// a wave is released (<see cref="Responses.ResponseStore.DeleteByReceiptAsync"/>). The one way a report is released,
/// by an evaluator or by a schedule.
/// </summary>
public sealed class Release(SurveyScoring scoring, ReportMaker reports, ChromiumPdfPrinter printer, ReleaseStore releases, SurveyStore surveys,
    InstrumentCatalog catalog, Calendar calendar)
{
    /// <summary>Releases the survey's report in each language asked for (English when none is).</summary>
    public async Task<ReleaseOutcome> ReleaseAsync(string surveyId, IReadOnlyList<string>? asked, CancellationToken cancellationToken)
    {
        if (await surveys.FindAsync(surveyId, cancellationToken) is not { } survey)
        {
            return new ReleaseOutcome(ReleaseRefusal.UnknownSurvey, []);
        }
        var languages = asked is { Count: > 0 } ? asked.Distinct().ToList() : [LocalizedText.English];
        var written = catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!.Content.Languages;
        if (languages.FirstOrDefault(l => !written.Contains(l)) is { } unknown)
        {
            return new ReleaseOutcome(ReleaseRefusal.UnknownLanguage, [],
                Errors: [("languages", $"'{unknown}' is not one of this instrument's languages: {string.Join(", ", written)}.")]);
        }
        var today = calendar.Today();
        if (!survey.IsClosedOn(today))
        {
            return new ReleaseOutcome(ReleaseRefusal.NotClosed, []);
        }
        if (survey.Status != SurveyStatus.Closed)
        {
            // Past its closing day but still open: releasing closes it, so its dates cannot be moved to take more answers.
            await surveys.CloseAsync(survey.Id, today, cancellationToken);
        }
        var scored = (await scoring.ScoreAsync(surveyId, cancellationToken))!;
        survey = scored.Survey;
        var earlier = await releases.OfSurveyAsync(survey.Id, cancellationToken);
        var released = new List<ReleasedReport>();
        foreach (var language in languages)
        {
            if (earlier.FirstOrDefault(r => r.Language == language) is { } existing)
            {
                released.Add(existing); // a release is final: the same one again, whatever has been added around it since
                continue;
            }
            var html = await reports.RenderAsync(scored, language, survey.ClosesOn, cancellationToken);
            var snapshot = scored.Snapshot;
            if (earlier.Any(r => r.SnapshotSha256 != snapshot.Sha256))
            {
                return new ReleaseOutcome(ReleaseRefusal.AlreadyReleased, released); // another language was released from other data
            }
            var id = Digest.Sha256Hex(html);
            var pdf = await printer.PrintAsync(html, cancellationToken);
            if (pdf.Status != PdfStatus.Printed)
            {
                return new ReleaseOutcome(ReleaseRefusal.PrintingFailed, released, pdf);
            }
            var release = new ReleasedReport(id, survey.OrganisationId, survey.Id, survey.Title, language, snapshot.Sha256, snapshot.Responses, today);
            await releases.StoreAsync(release, html, pdf.Pdf!, cancellationToken);
            released.Add((await releases.FindAsync(id, cancellationToken))!); // a concurrent release of the same text keeps its own day
        }
        return new ReleaseOutcome(ReleaseRefusal.None, released);
    }
}
