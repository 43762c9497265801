using Evaluation.Api.Hosting;
using Evaluation.Api.Scores;
using Evaluation.Api.Surveys;
using Evaluation.Reporting;

namespace Evaluation.Api.Reports;

public enum ReleaseRefusal
{
    None,
    UnknownSurvey,
    NotClosed,
    AlreadyReleased,
    PrintingFailed,
}

public sealed record ReleaseOutcome(ReleaseRefusal Refusal, IReadOnlyList<ReleasedReport> Releases, PdfResult? Printing = null);

/// <summary>
/// Releases a closed survey's report to funders: rendered as at its closing day (so the same data always gives the
/// same HTML, whose SHA-256 is the release's id), printed to PDF, stored for good. Figures of an open survey can still
/// change, and two releases a response apart would expose that response: only closed surveys are released, and each
/// once per language (asking again with the same data returns the same release; after a withdrawal it is refused).
/// </summary>
public sealed class Releaser(SurveyScoring scoring, ReportMaker reports, ChromiumPdfPrinter printer, ReleaseStore releases, Calendar calendar)
{
    public async Task<ReleaseOutcome> ReleaseAsync(string surveyId, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        if (await scoring.ScoreAsync(surveyId, cancellationToken) is not { } scored)
        {
            return new ReleaseOutcome(ReleaseRefusal.UnknownSurvey, []);
        }
        var survey = scored.Survey;
        var today = calendar.Today();
        if (survey.Status == SurveyStatus.Draft || (survey.Status != SurveyStatus.Closed && today <= survey.ClosesOn))
        {
            return new ReleaseOutcome(ReleaseRefusal.NotClosed, []);
        }
        var released = new List<ReleasedReport>();
        foreach (var language in languages)
        {
            var (html, snapshot) = await reports.RenderAsync(scored, language, survey.ClosesOn, cancellationToken);
            var id = Digest.Sha256Hex(html);
            if (await releases.FindAsync(id, cancellationToken) is { } existing)
            {
                released.Add(existing);
                continue;
            }
            if (await releases.IsReleasedAsync(survey.Id, language, cancellationToken))
            {
                return new ReleaseOutcome(ReleaseRefusal.AlreadyReleased, released);
            }
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
