using Evaluation.Api.Hosting;
using Evaluation.Api.Scores;
using Evaluation.Api.Security;
using Evaluation.Api.Storage;
using Evaluation.Instruments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Reports;

/// <param name="Languages">The report's languages (default English); each is released separately.</param>
public sealed record ReleaseRequest(IReadOnlyList<string>? Languages = null);

public sealed record ScheduleRequest(string Cadence, IReadOnlyList<string>? Languages = null);

/// <summary>
/// Released reports: evaluators release a closed wave's report (or let a schedule do it); funders, evaluators and
/// admins list an organisation's releases and download them. A funder reaches nothing else, and another
/// organisation's release is answered exactly as an unknown one.
/// </summary>
public static class ReleaseEndpoints
{
    public static IEndpointRouteBuilder MapReleases(this IEndpointRouteBuilder routes)
    {
        var staff = routes.MapGroup("/api").WithTags("Releases").RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapPost("/surveys/{surveyId}/releases", ReleaseSurvey).WithName(nameof(ReleaseSurvey)).WithSummary("Release a survey's report to funders (kept, immutable)")
            .OwnedBy(OwnedObject.Survey, "surveyId").Audited("release-report", "survey", "surveyId")
            .ProducesValidationProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        staff.MapGet("/organisations/{id}/report-schedule", GetSchedule).WithName(nameof(GetSchedule)).WithSummary("Read an organisation's periodic report schedule").OwnedBy(OwnedObject.Organisation, "id");
        staff.MapPut("/organisations/{id}/report-schedule", SetSchedule).WithName(nameof(SetSchedule)).WithSummary("Set an organisation's periodic report schedule")
            .OwnedBy(OwnedObject.Organisation, "id").Audited("set-report-schedule", "organisation", "id")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        var readers = routes.MapGroup("/api").WithTags("Releases").RequireAuthorization(Policies.Readers)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        readers.MapGet("/releases", ListReleasedReports).WithName(nameof(ListReleasedReports))
            .WithSummary("List released reports in pages, filtered by organisation, survey and language")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        readers.MapGet("/organisations/{id}/releases", ListReleases).WithName(nameof(ListReleases)).WithSummary("List the reports released for an organisation")
            .WithMetadata(new ObsoleteAttribute("Use GET /api/releases?organisation={id}: it pages and filters."));
        readers.MapGet("/releases/{id}.pdf", GetReleasePdf).WithName(nameof(GetReleasePdf)).WithSummary("A released report as PDF")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").Audited("read-release", "release", "id");
        readers.MapGet("/releases/{id}.html", GetReleaseHtml).WithName(nameof(GetReleaseHtml)).WithSummary("A released report as HTML")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").Audited("read-release", "release", "id");
        return routes;
    }

    public static async Task<Results<Created<IReadOnlyList<ReleasedReport>>, ProblemHttpResult>> ReleaseSurvey(string surveyId, ReleaseRequest request,
        Release release, CancellationToken cancellationToken)
    {
        var outcome = await release.ReleaseAsync(surveyId, request.Languages, cancellationToken);
        return outcome.Refusal switch
        {
            ReleaseRefusal.None => TypedResults.Created($"/api/releases?survey={surveyId}", outcome.Releases),
            ReleaseRefusal.UnknownLanguage => Problems.ErrorList.Of(outcome.Errors!).ToProblem(),
            ReleaseRefusal.NotClosed => Problems.Conflict("Survey not closed.",
                "Only a closed wave's report is released: an open wave's figures still change, and two releases a response apart would give that response away.",
                "status"),
            ReleaseRefusal.AlreadyReleased => Problems.Conflict("Already released.",
                "This wave's report was released from other data (answers were withdrawn since). A release is final: a second one a few responses apart would give those responses away.",
                "status"),
            ReleaseRefusal.PrintingFailed => ReportEndpoints.PrintingProblem(outcome.Printing!),
            _ => Problems.NotFound("survey", surveyId),
        };
    }

    public static async Task<Ok<ReportSchedule>> GetSchedule(string id, ReleaseStore releases, CancellationToken cancellationToken) =>
        TypedResults.Ok(await releases.ScheduleAsync(id, cancellationToken));

    public static async Task<Results<Ok<ReportSchedule>, ProblemHttpResult>> SetSchedule(string id, ScheduleRequest request, ReleaseStore releases,
        InstrumentCatalog catalog, CancellationToken cancellationToken)
    {
        if (!Kebab.TryParse<ReleaseCadence>(request.Cadence, out var cadence))
        {
            return Problems.Unprocessable("cadence", $"'{request.Cadence}' is not a schedule: {string.Join(", ", Kebab.All<ReleaseCadence>())}.");
        }
        var known = catalog.Surveys.SelectMany(s => s.Content.Languages).ToHashSet();
        var languages = request.Languages is { Count: > 0 } asked ? asked.Distinct().ToList() : [LocalizedText.English];
        if (languages.FirstOrDefault(l => !known.Contains(l)) is { } unknown)
        {
            return Problems.Unprocessable("languages", $"'{unknown}' is not a language of any instrument: {string.Join(", ", known)}.");
        }
        var schedule = new ReportSchedule(cadence, languages);
        await releases.SetScheduleAsync(id, schedule, cancellationToken);
        return TypedResults.Ok(schedule);
    }

    public static async Task<Results<Ok<IReadOnlyList<ReleasedReport>>, ProblemHttpResult>> ListReleases(string id, Caller caller, ReleaseStore releases,
        CancellationToken cancellationToken) =>
        caller.MayRead(id) ? TypedResults.Ok(await releases.ListAsync(id, cancellationToken)) : Problems.NotFound("organisation", id);

    /// <summary>
    /// Releases newest first: an admin's of every organisation, an evaluator's or funder's of their own;
    /// <c>organisation</c>, <c>survey</c> and <c>language</c> narrow the list.
    /// </summary>
    public static async Task<Results<Ok<Page<ReleasedReport>>, ProblemHttpResult>> ListReleasedReports(string? organisation, string? survey,
        string? language, int? limit, string? cursor, Caller caller, ReleaseStore releases, CancellationToken cancellationToken)
    {
        if (organisation is not null && !caller.MayRead(organisation))
        {
            return Problems.NotFound("organisation", organisation); // as for any object of another organisation
        }
        var (paging, problem) = Paging.Read(limit, cursor, keyParts: 2);
        if (paging is null)
        {
            return problem!;
        }
        var fetched = await releases.ListAsync(caller.ListScope(organisation), survey, language,
            paging.After, paging.Limit + 1, cancellationToken);
        return TypedResults.Ok(paging.PageOf(fetched, r => [r.ReleasedOn.ToIsoString(), r.Id], "/api/releases",
            [("organisation", organisation), ("survey", survey), ("language", language)]));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetReleasePdf(string id, Caller caller, ReleaseStore releases,
        CancellationToken cancellationToken) =>
        await releases.FindAsync(id, cancellationToken) is { } release && caller.MayRead(release.OrganisationId)
            ? TypedResults.File(await releases.PdfAsync(id, cancellationToken), "application/pdf", $"report-{release.SurveyId}-{release.Language}-{id[..12]}.pdf")
            : Problems.NotFound("release", id);

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetReleaseHtml(string id, Caller caller, ReleaseStore releases,
        CancellationToken cancellationToken) =>
        await releases.FindAsync(id, cancellationToken) is { } release && caller.MayRead(release.OrganisationId)
            ? TypedResults.Content(await releases.HtmlAsync(id, cancellationToken), "text/html; charset=utf-8")
            : Problems.NotFound("release", id);
}
