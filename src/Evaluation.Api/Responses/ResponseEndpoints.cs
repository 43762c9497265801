using System.Text.Json;
using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;
using Evaluation.Localisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Evaluation.Api.Responses;

public sealed record SubmitResponseRequest(
    string CircleId,
    string StakeholderGroup,
    string CompletionMode,
    IReadOnlyDictionary<string, int?> Answers,
    string? PanelCode = null,
    IReadOnlyDictionary<string, string>? Comments = null);

public sealed record ResponseReceipt(string Id, string ReceiptCode, DateOnly SubmittedOn);

public static class ResponseEndpoints
{
    public static IEndpointRouteBuilder MapResponses(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/surveys/{surveyId}/responses").WithTags("Responses").RequireAuthorization(Policies.Staff)
            .OwnedBy(OwnedObject.Survey, "surveyId")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", SubmitResponse).WithName(nameof(SubmitResponse)).WithSummary("Enter one response (paper or staff-assisted)").Audited("enter-response", "survey", "surveyId", dayOnly: true)
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status410Gone);
        return routes;
    }

    /// <param name="idempotencyKey">
    /// Optional, recommended: a unique value per submission (a UUID). Sending the same key and body again returns the
    /// original receipt (header <c>Idempotent-Replayed: true</c>) and stores nothing; the same key with a different
    /// body is refused with 422.
    /// </param>
    public static async Task<Results<Created<ResponseReceipt>, ProblemHttpResult>> SubmitResponse(
        string surveyId, SubmitResponseRequest request, [FromHeader(Name = IdempotentRequest.Header)] string? idempotencyKey, Caller caller,
        SurveyStore surveys, Submission submission, HttpContext context, CancellationToken cancellationToken)
    {
        IdempotentRequest? idempotency = null;
        if (idempotencyKey is not null)
        {
            if (!IdempotentRequest.IsValidKey(idempotencyKey))
            {
                return Problems.Unprocessable(IdempotentRequest.Header, "An idempotency key is 1–255 visible ASCII characters, such as a UUID.");
            }
            idempotency = new IdempotentRequest(caller.KeyId, idempotencyKey,
                IdempotentRequest.HashOf($"POST /api/surveys/{surveyId}/responses", JsonSerializer.Serialize(request)));
        }
        if (await surveys.FindAsync(surveyId, cancellationToken) is not { } survey)
        {
            return Problems.NotFound("survey", surveyId);
        }
        var outcome = await submission.SubmitAsync(new SubmissionRequest(survey,
            new Sender.Staff(request.CircleId, request.StakeholderGroup, request.CompletionMode, Auditing.Pending(context)),
            request.Answers, request.PanelCode, request.Comments, idempotency), cancellationToken);
        if (outcome.Stored is not null)
        {
            Auditing.MarkRecorded(context); // committed with the response
        }
        return Answer(outcome, survey, context);
    }

    /// <summary>
    /// The receipt, the earlier answer to the same idempotency key, or why nothing was stored: as problem details, for
    /// staff and respondents alike (a respondent's in their language; staff get English).
    /// </summary>
    internal static Results<Created<ResponseReceipt>, ProblemHttpResult> Answer(SubmissionOutcome outcome, Survey survey, HttpContext context,
        string language = Languages.English) =>
        outcome.Refused switch
        {
            SubmissionRefusal.NotOpenYet => survey.Status == SurveyStatus.Draft
                ? Problems.Conflict("Survey not open yet.", "This survey is still a draft: open it first.", "status")
                : Problems.Conflict("Survey not open yet.", $"This survey accepts responses from {survey.OpensOn:yyyy-MM-dd} to {survey.ClosesOn:yyyy-MM-dd}.",
                    "opensOn"),
            SubmissionRefusal.SurveyClosed => survey.Status == SurveyStatus.Closed
                ? Problems.Conflict("Survey closed.", "This survey has been closed and accepts nothing more.", "status")
                : Problems.Conflict("Survey closed.", $"This survey accepts responses from {survey.OpensOn:yyyy-MM-dd} to {survey.ClosesOn:yyyy-MM-dd}.",
                    "closesOn"),
            SubmissionRefusal.ClosedWhileSending => RespondentProblems.Conflict(language, "closedWhileSending", "status"),
            SubmissionRefusal.Invalid or SubmissionRefusal.PanelCodeDoesNotCheck => Problems.ErrorList.Of(outcome.Errors).ToProblem(),
            SubmissionRefusal.InvitationUsed => RespondentProblems.Problem(language, StatusCodes.Status410Gone, "link.used"),
            SubmissionRefusal.PanelCodeTaken => RespondentProblems.Conflict(language, "panelCode.taken", "panelCode"),
            // No Location: a stored response is never readable back through the API.
            _ => outcome.Stored is { } stored ? TypedResults.Created((string?)null, Receipt(stored)) : Replay(outcome.Earlier!, context),
        };

    internal static ResponseReceipt Receipt(StoredResponse stored) => new(stored.Id, stored.ReceiptCode, stored.SubmittedOn);

    internal static Results<Created<ResponseReceipt>, ProblemHttpResult> Replay(IdempotentAnswer earlier, HttpContext context)
    {
        if (!earlier.SameRequest)
        {
            return Problems.Unprocessable(IdempotentRequest.Header,
                "This idempotency key was already used for a different submission; use a new key for each submission.");
        }
        if (earlier.Withdrawn)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "This response was withdrawn.",
                detail: "The answers sent with this idempotency key were taken back with their receipt code and deleted. Nothing was stored again.");
        }
        context.Response.Headers["Idempotent-Replayed"] = "true";
        Auditing.MarkRecorded(context); // nothing was entered again: the audit entry was written with the original
        return TypedResults.Created((string?)null, JsonSerializer.Deserialize<ResponseReceipt>(earlier.ResponseJson)!);
    }
}
