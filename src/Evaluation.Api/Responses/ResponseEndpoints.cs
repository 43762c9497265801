using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Responses;

public sealed record SubmitResponseRequest(
    string CircleId,
    string StakeholderGroup,
    string CompletionMode,
    IReadOnlyDictionary<string, int?> Answers);

public sealed record ResponseReceipt(string Id, string ReceiptCode, DateOnly SubmittedOn);

public static class ResponseEndpoints
{
    public static IEndpointRouteBuilder MapResponses(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/surveys/{surveyId}/responses").WithTags("Responses").RequireAuthorization(Policies.Staff)
            .OwnedBy(OwnedObject.Survey, "surveyId")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", SubmitResponse).WithName(nameof(SubmitResponse)).Audited("enter-response", "survey", "surveyId")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    public static async Task<Results<Created<ResponseReceipt>, ProblemHttpResult>> SubmitResponse(
        string surveyId, SubmitResponseRequest request, SurveyStore surveys, ResponseStore responses, InstrumentCatalog catalog,
        Calendar calendar, CancellationToken cancellationToken)
    {
        if (await surveys.FindAsync(surveyId, cancellationToken) is not { } survey)
        {
            return Problems.NotFound("survey", surveyId);
        }
        var today = calendar.Today();
        if (today < survey.OpensOn || today > survey.ClosesOn)
        {
            var field = today < survey.OpensOn ? "opensOn" : "closesOn";
            return Problems.Conflict(today < survey.OpensOn ? "Survey not open yet." : "Survey closed.",
                $"This survey accepts responses from {survey.OpensOn:yyyy-MM-dd} to {survey.ClosesOn:yyyy-MM-dd}.", field);
        }
        var instrument = catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!.Content;

        var errors = Validate(request, survey, instrument);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        // Stored in the instrument's item order, the order scoring reads them in.
        var answers = instrument.Items.Where(item => request.Answers.ContainsKey(item.Id)).ToDictionary(item => item.Id, item => request.Answers[item.Id]);
        var stored = await responses.InsertAsync(new NewResponse(survey.Id, instrument.Id, instrument.Version, survey.OrganisationId,
            request.CircleId, request.StakeholderGroup, request.CompletionMode, today, answers), cancellationToken);
        // No Location: a stored response is never readable back through the API.
        return TypedResults.Created((string?)null, new ResponseReceipt(stored.Id, stored.ReceiptCode, stored.SubmittedOn));
    }

    private static Problems.ErrorList Validate(SubmitResponseRequest request, Survey survey, SurveyInstrument instrument)
    {
        var errors = new Problems.ErrorList();
        if (survey.Circles.All(c => c.Id != request.CircleId))
        {
            errors.Add("circleId", $"Circle '{request.CircleId}' is not part of this survey.");
        }
        var groupKnown = survey.StakeholderGroups.Contains(request.StakeholderGroup);
        if (!groupKnown)
        {
            errors.Add("stakeholderGroup", $"'{request.StakeholderGroup}' is not one of this survey's groups: {string.Join(", ", survey.StakeholderGroups)}.");
        }
        if (!CompletionModes.All.Contains(request.CompletionMode))
        {
            errors.Add("completionMode", $"'{request.CompletionMode}' is not a completion mode: {string.Join(", ", CompletionModes.All)}.");
        }
        if (request.Answers.Count == 0)
        {
            errors.Add("answers", "A response needs at least one answer (use null for 'not applicable').");
        }
        foreach (var (itemId, value) in request.Answers)
        {
            var field = $"answers.{itemId}";
            if (instrument.FindItem(itemId) is not { } item)
            {
                errors.Add(field, $"Unknown item '{itemId}' in {instrument.Id} v{instrument.Version}.");
                continue;
            }
            if (groupKnown && !item.IsShownTo(request.StakeholderGroup))
            {
                errors.Add(field, $"Item '{itemId}' is not shown to '{request.StakeholderGroup}'.");
            }
            if (value is { } v && !instrument.Scale.Contains(v))
            {
                errors.Add(field, $"{v} is outside the scale {instrument.Scale.Min}–{instrument.Scale.Max} (use null for 'not applicable').");
            }
        }
        return errors;
    }
}
