using System.Text.Json;
using Evaluation.Api.Hosting;
using Evaluation.Api.Panels;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
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
        SurveyStore surveys, ResponseStore responses, InstrumentCatalog catalog, Calendar calendar, PanelKeys panels, HttpContext context,
        CancellationToken cancellationToken)
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
        var today = calendar.Today();
        if (!survey.AcceptsResponsesOn(today))
        {
            return await RefuseUnlessRetriedAsync(survey.Status switch
            {
                SurveyStatus.Draft => Problems.Conflict("Survey not open yet.", "This survey is still a draft: open it first.", "status"),
                SurveyStatus.Closed => Problems.Conflict("Survey closed.", "This survey has been closed and accepts nothing more.", "status"),
                _ => Problems.Conflict(today < survey.OpensOn ? "Survey not open yet." : "Survey closed.",
                    $"This survey accepts responses from {survey.OpensOn:yyyy-MM-dd} to {survey.ClosesOn:yyyy-MM-dd}.",
                    today < survey.OpensOn ? "opensOn" : "closesOn"),
            }, idempotency, responses, context, cancellationToken);
        }
        var instrument = catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!.Content;

        var errors = new Problems.ErrorList();
        foreach (var (field, message) in ResponseRules.Check(request, survey, instrument))
        {
            errors.Add(field, message);
        }
        if (errors.Any)
        {
            return await RefuseUnlessRetriedAsync(errors.ToProblem(), idempotency, responses, context, cancellationToken);
        }
        var panelKey = request.PanelCode is { } code ? await panels.ResolveAsync(survey.OrganisationId, code, cancellationToken) : null;
        if (request.PanelCode is not null && panelKey is null)
        {
            return await RefuseUnlessRetriedAsync(Problems.Unprocessable("panelCode", PanelKeys.DoesNotCheck), idempotency, responses, context,
                cancellationToken);
        }
        // Stored in the instrument's item order, the order scoring reads them in.
        var answers = instrument.Items.Where(item => request.Answers.ContainsKey(item.Id)).ToDictionary(item => item.Id, item => request.Answers[item.Id]);
        var submission = await responses.SubmitAsync(new NewResponse(survey.Id, instrument.Id, instrument.Version, survey.OrganisationId,
            request.CircleId, request.StakeholderGroup, request.CompletionMode, today, answers, panelKey, ResponseRules.CleanComments(request.Comments)),
            idempotency,
            stored => JsonSerializer.Serialize(Receipt(stored)), cancellationToken, audited: Auditing.Pending(context));
        if (submission.Stored is not null)
        {
            Auditing.MarkRecorded(context); // committed with the response
        }
        return Answer(submission, context);
    }

    /// <summary>The receipt, the earlier answer to the same idempotency key, or why nothing was stored.</summary>
    internal static Results<Created<ResponseReceipt>, ProblemHttpResult> Answer(Submission submission, HttpContext context) => submission.Refused switch
    {
        SubmissionRefusal.InvitationUsed => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "This invitation has been used.",
            detail: "Answers were already sent with this invitation. Thank you. To take them back, use your receipt code."),
        SubmissionRefusal.PanelCodeTaken => Problems.Conflict("Already answered.",
            "This panel code has already answered this survey: one response per person and wave.", "panelCode"),
        SubmissionRefusal.SurveyClosed => Problems.Conflict("Survey closed.", "This survey closed while the answers were on their way; nothing was stored.",
            "status"),
        // No Location: a stored response is never readable back through the API.
        _ => submission.Stored is { } stored ? TypedResults.Created((string?)null, Receipt(stored)) : Replay(submission.Earlier!, context),
    };

    /// <summary>
    /// A refusal, unless the request repeats one already answered (same idempotency key): then that answer, so a retry
    /// gets its receipt even after the survey has closed. Looked up only on the way to a refusal; a submission that
    /// goes ahead finds an earlier answer inside its own transaction.
    /// </summary>
    internal static async Task<Results<Created<ResponseReceipt>, ProblemHttpResult>> RefuseUnlessRetriedAsync(ProblemHttpResult refusal,
        IdempotentRequest? idempotency, ResponseStore responses, HttpContext context, CancellationToken cancellationToken) =>
        idempotency is not null && await responses.FindEarlierAsync(idempotency, cancellationToken) is { } earlier ? Replay(earlier, context) : refusal;

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
