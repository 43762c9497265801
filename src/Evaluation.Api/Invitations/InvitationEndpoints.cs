using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Invitations;

/// <param name="Format"><c>json</c> (the links), <c>html</c> or <c>pdf</c> (a printable sheet with QR codes).</param>
public sealed record CreateInvitationsRequest(string CircleId, string StakeholderGroup, int Count, string Kind = InvitationKinds.SingleUse, string Format = "json");

/// <summary>The new links, shown this once: only their hashes are stored.</summary>
public sealed record CreatedInvitations(string Kind, string CircleId, string StakeholderGroup, IReadOnlyList<string> Links);

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
        string surveyId, CreateInvitationsRequest request, SurveyStore surveys, InvitationStore invitations, InstrumentCatalog catalog,
        ChromiumPdfPrinter printer, IOptions<EvaluationOptions> options, CancellationToken cancellationToken)
    {
        var survey = (await surveys.FindAsync(surveyId, cancellationToken))!;
        if (survey.Status == SurveyStatus.Closed)
        {
            return Problems.Conflict("Survey closed.", "A closed survey takes no more responses, so it gets no more invitations.", "status");
        }
        var errors = new Problems.ErrorList();
        var circle = survey.Circles.FirstOrDefault(c => c.Id == request.CircleId);
        if (circle is null)
        {
            errors.Add("circleId", $"Circle '{request.CircleId}' is not part of this survey.");
        }
        if (!survey.StakeholderGroups.Contains(request.StakeholderGroup))
        {
            errors.Add("stakeholderGroup", $"'{request.StakeholderGroup}' is not one of this survey's groups: {string.Join(", ", survey.StakeholderGroups)}.");
        }
        if (request.Kind is not (InvitationKinds.SingleUse or InvitationKinds.Open))
        {
            errors.Add("kind", "An invitation is 'single-use' (one person, one response) or 'open' (one link for the circle and group).");
        }
        var maximum = request.Kind == InvitationKinds.Open ? 1 : 2000;
        if (request.Count < 1 || request.Count > maximum)
        {
            errors.Add("count", request.Kind == InvitationKinds.Open ? "An open link is one link: count must be 1." : $"Create 1–{maximum} invitations at a time.");
        }
        if (request.Format is not ("json" or "html" or "pdf"))
        {
            errors.Add("format", "json, html or pdf.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        // Made, shown and printed first, stored last: a sheet that fails to print leaves no invitations nobody can see.
        var tokens = Enumerable.Range(0, request.Count).Select(_ => InvitationStore.NewToken()).ToList();
        var links = tokens.Select(token => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/r/{token}").ToList();
        var store = () => invitations.StoreAsync(survey.Id, circle!.Id, request.StakeholderGroup, request.Kind, tokens, cancellationToken);
        if (request.Format == "json")
        {
            await store();
            return TypedResults.Created((string?)null, new CreatedInvitations(request.Kind, circle!.Id, request.StakeholderGroup, links));
        }
        var instrument = catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!.Content;
        var group = instrument.StakeholderGroups.First(g => g.Id == request.StakeholderGroup).Title.In(LocalizedText.English);
        var html = InvitationSheet.Render(survey.Title, circle!.Name, group, survey.Anonymity == AnonymityModes.Anonymous,
            request.Kind == InvitationKinds.SingleUse, links, tokens);
        if (request.Format == "html")
        {
            await store();
            return TypedResults.Content(html, "text/html; charset=utf-8");
        }
        var pdf = await printer.PrintAsync(html, cancellationToken);
        if (pdf.Status != PdfStatus.Printed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The sheet could not be printed; no invitations were created.",
                detail: pdf.Problem + " Try again, or ask for format html and print it from a browser.");
        }
        await store();
        return TypedResults.File(pdf.Pdf!, "application/pdf", $"invitations-{survey.Id}.pdf");
    }
}
