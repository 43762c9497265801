using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Evaluation.Instruments;
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

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetDashboard(string circleId, string? language, Caller caller,
        CircleDashboard dashboard, CancellationToken cancellationToken)
    {
        var outcome = await dashboard.ReadAsync(circleId, language ?? LocalizedText.English, caller, cancellationToken);
        return outcome.Refused switch
        {
            DashboardRefusal.UnknownCircle => Problems.NotFound("circle", circleId),
            DashboardRefusal.NoClosedWave => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No closed wave yet.",
                detail: "A circle's dashboard shows a wave once it has closed: figures of an open wave still change."),
            DashboardRefusal.UnknownLanguage => Problems.Unprocessable("language",
                $"'{language}' is not one of this instrument's languages: {string.Join(", ", outcome.Languages)}."),
            _ => TypedResults.Content(outcome.Html, "text/html; charset=utf-8"),
        };
    }
}
