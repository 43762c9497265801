using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Invitations;

/// <param name="Format"><c>json</c> (the links), <c>html</c> or <c>pdf</c> (a printable sheet with QR codes).</param>
public sealed record CreateInvitationsRequest(string CircleId, string StakeholderGroup, int Count, string Kind = "single-use", string Format = "json");

/// <summary>The new links, shown this once: only their hashes are stored.</summary>
public sealed record CreatedInvitations(InvitationKind Kind, string CircleId, string StakeholderGroup, IReadOnlyList<string> Links);

public static class InvitationEndpoints
{
    public static IEndpointRouteBuilder MapInvitations(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/surveys/{surveyId}/invitations", CreateInvitations).WithName(nameof(CreateInvitations)).WithSummary("Issue single-use invitation tokens for a circle and group").WithTags("Invitations")
            .RequireAuthorization(Policies.Staff).OwnedBy(OwnedObject.Survey, "surveyId").Audited("create-invitations", "survey", "surveyId")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        routes.MapGet("/api/surveys/{surveyId}/participation", ParticipationEndpoint.GetParticipation).WithName(nameof(ParticipationEndpoint.GetParticipation)).WithSummary("Responses so far per circle and group, under disclosure control").WithTags("Invitations")
            .RequireAuthorization(Policies.AnyKey)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Created<CreatedInvitations>, ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> CreateInvitations(
        string surveyId, CreateInvitationsRequest request, SurveyStore surveys, InvitationIssuing issuing, CancellationToken cancellationToken)
    {
        if (!Kebab.TryParse<InvitationKind>(request.Kind, out var kind))
        {
            return Problems.Unprocessable("kind", "An invitation is 'single-use' (one person, one response) or 'open' (one link for the circle and group).");
        }
        var survey = (await surveys.FindAsync(surveyId, cancellationToken))!;
        var issued = await issuing.IssueAsync(new IssueRequest(survey, request.CircleId, request.StakeholderGroup, kind, request.Count,
            request.Format), cancellationToken);
        return issued.Refusal switch
        {
            IssueRefusal.SurveyClosed => Problems.Conflict("Survey closed.", "A closed survey takes no more responses, so it gets no more invitations.", "status"),
            IssueRefusal.Invalid => Problems.ErrorList.Of(issued.Errors).ToProblem(),
            IssueRefusal.PrintingFailed => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The sheet could not be printed; no invitations were created.",
                detail: issued.Printing!.Problem + " Try again, or ask for format html and print it from a browser."),
            _ when issued.SheetPdf is { } pdf => TypedResults.File(pdf, "application/pdf", $"invitations-{survey.Id}.pdf"),
            _ when issued.SheetHtml is { } html => TypedResults.Content(html, "text/html; charset=utf-8"),
            _ => TypedResults.Created((string?)null, new CreatedInvitations(kind, request.CircleId, request.StakeholderGroup, issued.Links)),
        };
    }
}
