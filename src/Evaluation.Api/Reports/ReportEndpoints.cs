using Evaluation.Api.Hosting;
using Evaluation.Api.Scores;
using Evaluation.Api.Security;
using Evaluation.Instruments;
using Evaluation.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Reports;

public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/surveys/{surveyId}").WithTags("Reports").RequireAuthorization(Policies.Staff)
            .OwnedBy(OwnedObject.Survey, "surveyId").Audited("read-report", "survey", "surveyId")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/report.html", GetReportHtml).WithName(nameof(GetReportHtml)).WithSummary("The funder report of a survey as HTML")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapGet("/report.pdf", GetReportPdf).WithName(nameof(GetReportPdf)).WithSummary("The funder report of a survey as PDF")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status500InternalServerError).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetReportHtml(
        string surveyId, string? language, SurveyScoring scoring, ReportMaker reports,
        Calendar calendar, CancellationToken cancellationToken)
    {
        var (html, problem) = await RenderAsync(surveyId, language, scoring, reports, calendar, cancellationToken);
        return html is null ? problem! : TypedResults.Content(html, "text/html; charset=utf-8");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetReportPdf(
        string surveyId, string? language, SurveyScoring scoring, ReportMaker reports,
        ChromiumPdfPrinter printer, Calendar calendar, CancellationToken cancellationToken)
    {
        var (html, problem) = await RenderAsync(surveyId, language, scoring, reports, calendar, cancellationToken);
        if (html is null)
        {
            return problem!;
        }
        var pdf = await printer.PrintAsync(html, cancellationToken);
        return pdf.Status == PdfStatus.Printed ? TypedResults.File(pdf.Pdf!, "application/pdf", $"report-{surveyId}.pdf") : PrintingProblem(pdf);
    }

    /// <summary>Why a PDF could not be printed, as the problem the caller gets.</summary>
    internal static ProblemHttpResult PrintingProblem(PdfResult pdf) => pdf.Status switch
    {
        PdfStatus.ChromiumMissing => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "PDF printing is not available on this server.", detail: pdf.Problem),
        PdfStatus.TimedOut => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The PDF took too long to print; try again.", detail: pdf.Problem),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The PDF could not be printed.", detail: pdf.Problem),
    };

    private static async Task<(string? Html, ProblemHttpResult? Problem)> RenderAsync(
        string surveyId, string? language, SurveyScoring scoring, ReportMaker reports,
        Calendar calendar, CancellationToken cancellationToken)
    {
        // Everything the request says is checked before any work: a refused request must not even fill a cache.
        if (await scoring.FindSurveyAsync(surveyId, cancellationToken) is not { } survey)
        {
            return (null, Problems.NotFound("survey", surveyId));
        }
        language ??= LocalizedText.English;
        if (LanguageProblem(survey.Instrument.Content, language) is { } problem)
        {
            return (null, problem);
        }
        var scored = (await scoring.ScoreAsync(surveyId, cancellationToken))!;
        return (await reports.RenderAsync(scored, language, calendar.Today(), cancellationToken), null);
    }

    /// <summary>A 422 naming the language when the instrument has no such translation.</summary>
    internal static ProblemHttpResult? LanguageProblem(SurveyInstrument instrument, string language) =>
        instrument.Languages.Contains(language)
            ? null
            : Problems.Unprocessable("language", $"'{language}' is not one of this instrument's languages: {string.Join(", ", instrument.Languages)}.");
}
