using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Scores;
using Evaluation.Api.Security;
using Evaluation.Api.Storage;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Reports;

/// <summary>
/// A circle's dashboard (HTML) for its circle leads, and for the organisation's evaluators: the latest closed wave
/// that included the circle, frozen the first time it is read. Circle leads of other circles, funders and other
/// organisations get 404, exactly as for an unknown circle.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/circles/{circleId}/dashboard", GetDashboard).WithName(nameof(GetDashboard)).WithSummary("A circle's dashboard: domains, bands and what they mean (HTML)")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").WithTags("Reports")
            .RequireAuthorization(Policies.AnyKey).Audited("read-dashboard", "circle", "circleId")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetDashboard(string circleId, string? language, Caller caller, Database database,
        SurveyStore surveys, SurveyScoring scoring, ReportMaker reports, Calendar calendar, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var organisationId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT organisation_id FROM circles WHERE id = @circleId", new { circleId }, cancellationToken: cancellationToken));
        var mayRead = organisationId is not null && (caller.MayManage(organisationId)
            || (caller.Role == Roles.CircleLead && caller.OrganisationId == organisationId && caller.CircleIds.Contains(circleId)));
        if (!mayRead)
        {
            return Problems.NotFound("circle", circleId);
        }
        var surveyId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            SELECT s.id FROM surveys s JOIN survey_circles sc ON sc.survey_id = s.id
            WHERE sc.circle_id = @circleId AND s.status <> 'draft' AND (s.status = 'closed' OR s.closes_on < @today)
            ORDER BY s.closes_on DESC, s.id
            LIMIT 1
            """, new { circleId, today = calendar.Today().ToIsoString() }, cancellationToken: cancellationToken));
        if (surveyId is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No closed wave yet.",
                detail: "A circle's dashboard shows a wave once it has closed: figures of an open wave still change.");
        }
        language ??= LocalizedText.English;
        var frozen = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT html FROM dashboard_snapshots WHERE survey_id = @surveyId AND circle_id = @circleId AND language = @language",
            new { surveyId, circleId, language }, cancellationToken: cancellationToken));
        if (frozen is not null)
        {
            return TypedResults.Content(frozen, "text/html; charset=utf-8");
        }
        var (survey, instrument) = (await scoring.FindSurveyAsync(surveyId, cancellationToken))!.Value;
        if (ReportEndpoints.LanguageProblem(instrument.Content, language) is { } problem)
        {
            return problem; // before anything is closed, scored or frozen
        }
        if (survey.Status != SurveyStatus.Closed)
        {
            // Past its closing day but still open: a dashboard, like a release, closes it, so its dates cannot be
            // moved to take more answers after its figures were shown.
            await surveys.CloseAsync(surveyId, calendar.Today(), cancellationToken);
        }
        var scored = (await scoring.ScoreAsync(surveyId, cancellationToken))!; // closed: scored once for every circle, and kept
        // Every language is frozen at once, from the same data: two languages read a withdrawal apart would expose it.
        var earlier = await reports.EarlierWaveAsync(scored, cancellationToken);
        foreach (var each in scored.Instrument.Content.Languages)
        {
            var html = await reports.RenderDashboardAsync(scored, earlier, circleId, each);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO dashboard_snapshots (survey_id, circle_id, language, html, made_on) VALUES (@surveyId, @circleId, @each, @html, @today)
                ON CONFLICT (survey_id, circle_id, language) DO NOTHING
                """, new { surveyId, circleId, each, html, today = calendar.Today().ToIsoString() }, cancellationToken: cancellationToken));
        }
        // A concurrent first reading may have frozen its own: everyone gets the one kept.
        return TypedResults.Content(await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT html FROM dashboard_snapshots WHERE survey_id = @surveyId AND circle_id = @circleId AND language = @language",
            new { surveyId, circleId, language }, cancellationToken: cancellationToken)), "text/html; charset=utf-8");
    }
}
