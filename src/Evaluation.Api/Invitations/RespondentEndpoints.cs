using System.Text.Json;
using Evaluation.Api.Hosting;
using Evaluation.Api.Responses;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Localisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Evaluation.Api.Invitations;

/// <summary>An item as the respondent's group is asked it, in every language of the instrument.</summary>
public sealed record RespondentItem(string Id, string Domain, string Factor, LocalizedText Text);

public sealed record RespondentSurvey(
    string Title,
    string StakeholderGroup,
    InvitationKind Kind,
    IReadOnlyList<string> Languages,
    ResponseScale Scale,
    IReadOnlyList<RespondentItem> Items,
    IReadOnlyDictionary<string, int?> Draft);

public sealed record DraftRequest(IReadOnlyDictionary<string, int?> Answers);

/// <param name="CompletionMode"><c>self</c> (default), <c>assisted</c> or <c>proxy</c>: whether someone helped.</param>
/// <param name="PanelCode">In a pseudonymous survey, the code on the respondent's panel card, the same every wave.</param>
/// <param name="Comments">Optional free text per domain id (up to 2000 characters each): read by evaluators only.</param>
public sealed record RespondentSubmission(IReadOnlyDictionary<string, int?> Answers, string? CompletionMode = null, string? PanelCode = null,
    IReadOnlyDictionary<string, string>? Comments = null);

/// <summary>
/// What a respondent does with an invitation link, no key needed: read the questions for their group, save a draft and
/// come back (single-use links), submit once. The token decides the survey, circle and group; nothing else about the
/// respondent is asked or kept.
/// </summary>
public static class RespondentEndpoints
{
    public static IEndpointRouteBuilder MapRespondents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/respond/{token}").WithTags("Respondents").AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone);
        group.MapGet("/", GetInvitation).WithName(nameof(GetInvitation)).WithSummary("What a respondent's invitation opens: survey, items, saved draft");
        group.MapPut("/draft", SaveDraft).WithName(nameof(SaveDraft)).WithSummary("Save a respondent's unfinished answers").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/", SubmitWithInvitation).WithName(nameof(SubmitWithInvitation)).WithSummary("Submit a respondent's answers with their invitation token").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    /// <summary>The kind problem a respondent's software should show for an invitation that cannot be used now.</summary>
    private static ProblemHttpResult Problem(OpeningOutcome outcome, string language) => outcome.Refusal switch
    {
        InvitationRefusal.UnknownLink => RespondentProblems.Problem(language, StatusCodes.Status404NotFound, "link.unknown"),
        InvitationRefusal.Used => RespondentProblems.Problem(language, StatusCodes.Status410Gone, "link.used"),
        InvitationRefusal.NotYetOpen => RespondentProblems.Conflict(language, "link.notYet", "status", Dates.Long(language, outcome.Survey!.OpensOn)),
        _ => RespondentProblems.Conflict(language, "link.closed", "status"),
    };

    public static async Task<Results<Ok<RespondentSurvey>, ProblemHttpResult>> GetInvitation(string token, InvitationOpening opening,
        HttpContext context, CancellationToken cancellationToken)
    {
        var outcome = await opening.OpenAsync(token, cancellationToken);
        if (outcome.Opened is not (var invitation, var survey, var instrument))
        {
            return Problem(outcome, RespondentProblems.LanguageOf(context));
        }
        var items = instrument.Domains.SelectMany(d => d.Factors.SelectMany(f => f.Items
            .Where(i => i.IsShownTo(invitation.StakeholderGroup))
            .Select(i => new RespondentItem(i.Id, d.Id, f.Id, i.Variants?.GetValueOrDefault(invitation.StakeholderGroup) ?? i.Text)))).ToList();
        var draft = invitation.Draft is null ? new Dictionary<string, int?>() : JsonSerializer.Deserialize<Dictionary<string, int?>>(invitation.Draft)!;
        return TypedResults.Ok(new RespondentSurvey(survey.Title, invitation.StakeholderGroup, invitation.Kind, instrument.Languages, instrument.Scale, items, draft));
    }

    /// <summary>Saves answers so far (replacing the last draft); single-use invitations only, as an open link is shared.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> SaveDraft(string token, DraftRequest request, InvitationOpening opening,
        HttpContext context, CancellationToken cancellationToken)
    {
        var outcome = await opening.OpenAsync(token, cancellationToken);
        if (outcome.Opened is not { } opened)
        {
            return Problem(outcome, RespondentProblems.LanguageOf(context));
        }
        var saved = await opening.SaveDraftAsync(opened, request.Answers, cancellationToken);
        return saved.Refusal switch
        {
            InvitationRefusal.None => TypedResults.NoContent(),
            InvitationRefusal.SharedLink => RespondentProblems.Conflict(RespondentProblems.LanguageOf(context), "draft.shared", "token"),
            _ => Problems.ErrorList.Of(saved.Errors).ToProblem(),
        };
    }

    /// <summary>Sends the answers: stored once, with the invitation used up in the same transaction. Idempotency-Key works as for staff.</summary>
    public static async Task<Results<Created<ResponseReceipt>, ProblemHttpResult>> SubmitWithInvitation(string token, RespondentSubmission request,
        [FromHeader(Name = IdempotentRequest.Header)] string? idempotencyKey, InvitationOpening opening, ResponseStore responses, Submission submission,
        HttpContext context, CancellationToken cancellationToken)
    {
        var found = await opening.OpenAsync(token, cancellationToken);
        var invited = found.Found;
        IdempotentRequest? idempotency = null;
        if (idempotencyKey is not null && invited is not null)
        {
            // A respondent's key must be random enough that its sealed receipt cannot be guessed open (a UUID is).
            if (!IdempotentRequest.IsValidKey(idempotencyKey) || idempotencyKey.Length < 16)
            {
                return RespondentProblems.Unprocessable(RespondentProblems.LanguageOf(context), IdempotentRequest.Header, "idempotency.weak");
            }
            // Scoped by survey, not by token: nothing stored about the key may point back at an invitation.
            idempotency = new IdempotentRequest("respondent:" + invited.SurveyId, idempotencyKey,
                IdempotentRequest.HashOf("POST /api/respond/" + invited.TokenHash, JsonSerializer.Serialize(request)));
        }
        // A retry of the submission that used the invitation up gets that submission's receipt, not the refusal.
        if (found.Opened is not { } opened)
        {
            return idempotency is not null && await responses.FindEarlierAsync(idempotency, cancellationToken) is { } earlier
                ? ResponseEndpoints.Replay(earlier, context)
                : Problem(found, RespondentProblems.LanguageOf(context));
        }
        var outcome = await submission.SubmitAsync(new SubmissionRequest(opened.Survey, new Sender.Respondent(opened.Invitation, request.CompletionMode ?? "self"),
            request.Answers, request.PanelCode, request.Comments, idempotency), cancellationToken);
        return ResponseEndpoints.Answer(outcome, opened.Survey, context, RespondentProblems.LanguageOf(context));
    }
}
