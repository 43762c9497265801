using System.Text.Json;
using Evaluation.Api.Hosting;
using Evaluation.Api.Responses;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Evaluation.Api.Invitations;

/// <summary>An item as the respondent's group is asked it, in every language of the instrument.</summary>
public sealed record RespondentItem(string Id, string Domain, string Factor, LocalizedText Text);

public sealed record RespondentSurvey(
    string Title,
    string StakeholderGroup,
    string Kind,
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

    internal sealed record Opened(Invitation Invitation, Survey Survey, SurveyInstrument Instrument);

    /// <summary>Why an invitation cannot be used now; the API answers each with a problem, the form with a page.</summary>
    internal enum Refusal
    {
        None,
        UnknownLink,
        Used,
        NotYetOpen,
        Closed,
    }

    /// <summary>The invitation (as looked up by its token) and its survey, or why it cannot be used.</summary>
    internal static async Task<(Opened? Opened, Refusal Refusal)> OpenInvitationAsync(Invitation? invitation, SurveyStore surveys,
        InstrumentCatalog catalog, Calendar calendar, CancellationToken cancellationToken)
    {
        if (invitation is null)
        {
            return (null, Refusal.UnknownLink);
        }
        if (invitation.Used)
        {
            return (null, Refusal.Used);
        }
        var survey = (await surveys.FindAsync(invitation.SurveyId, cancellationToken))!;
        if (!survey.AcceptsResponsesOn(calendar.Today()))
        {
            return (null, survey.Status == SurveyStatus.Draft || calendar.Today() < survey.OpensOn ? Refusal.NotYetOpen : Refusal.Closed);
        }
        return (new Opened(invitation, survey, catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!.Content), Refusal.None);
    }

    /// <summary>The invitation and its survey, or the kind problem a respondent's software should show.</summary>
    private static async Task<(Opened? Opened, ProblemHttpResult? Problem)> OpenAsync(Invitation? invitation, SurveyStore surveys,
        InstrumentCatalog catalog, Calendar calendar, CancellationToken cancellationToken)
    {
        var (opened, refusal) = await OpenInvitationAsync(invitation, surveys, catalog, calendar, cancellationToken);
        return refusal switch
        {
            Refusal.None => (opened, null),
            Refusal.UnknownLink => (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "This link is not known.",
                detail: "Check the link or code on your invitation. Links stop working some time after a survey closes.")),
            Refusal.Used => (null, TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "This invitation has been used.",
                detail: "Answers were already sent with this invitation. Thank you. To take them back, use your receipt code.")),
            Refusal.NotYetOpen => (null, Problems.Conflict("This survey has not opened yet.",
                $"It opens on {(await surveys.FindAsync(invitation!.SurveyId, cancellationToken))!.OpensOn:d MMMM yyyy}.", "status")),
            _ => (null, Problems.Conflict("This survey has closed.", "It is no longer taking answers. Thank you for your interest.", "status")),
        };
    }

    public static async Task<Results<Ok<RespondentSurvey>, ProblemHttpResult>> GetInvitation(string token, InvitationStore invitations, SurveyStore surveys,
        InstrumentCatalog catalog, Calendar calendar, CancellationToken cancellationToken)
    {
        var (opened, problem) = await OpenAsync(await invitations.FindAsync(token, cancellationToken), surveys, catalog, calendar, cancellationToken);
        if (opened is null)
        {
            return problem!;
        }
        var (invitation, survey, instrument) = opened;
        var items = instrument.Domains.SelectMany(d => d.Factors.SelectMany(f => f.Items
            .Where(i => i.IsShownTo(invitation.StakeholderGroup))
            .Select(i => new RespondentItem(i.Id, d.Id, f.Id, i.Variants?.GetValueOrDefault(invitation.StakeholderGroup) ?? i.Text)))).ToList();
        var draft = invitation.Draft is null ? new Dictionary<string, int?>() : JsonSerializer.Deserialize<Dictionary<string, int?>>(invitation.Draft)!;
        return TypedResults.Ok(new RespondentSurvey(survey.Title, invitation.StakeholderGroup, invitation.Kind, instrument.Languages, instrument.Scale, items, draft));
    }

    /// <summary>Saves answers so far (replacing the last draft); single-use invitations only, as an open link is shared.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> SaveDraft(string token, DraftRequest request, InvitationStore invitations, SurveyStore surveys,
        InstrumentCatalog catalog, Calendar calendar, CancellationToken cancellationToken)
    {
        var (opened, problem) = await OpenAsync(await invitations.FindAsync(token, cancellationToken), surveys, catalog, calendar, cancellationToken);
        if (opened is null)
        {
            return problem!;
        }
        if (opened.Invitation.Kind != InvitationKinds.SingleUse)
        {
            return Problems.Conflict("Drafts need a personal invitation.", "This link is shared, so answers cannot be saved for later: send them when ready.", "token");
        }
        var errors = Check(opened, request.Answers, "self", allowEmpty: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        await invitations.SaveDraftAsync(opened.Invitation.TokenHash, StoredAnswers.Write(request.Answers), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Sends the answers: stored once, with the invitation used up in the same transaction. Idempotency-Key works as for staff.</summary>
    public static async Task<Results<Created<ResponseReceipt>, ProblemHttpResult>> SubmitWithInvitation(string token, RespondentSubmission request,
        [FromHeader(Name = IdempotentRequest.Header)] string? idempotencyKey, InvitationStore invitations, SurveyStore surveys, ResponseStore responses,
        InstrumentCatalog catalog, Calendar calendar, Submission submission, HttpContext context, CancellationToken cancellationToken)
    {
        var invited = await invitations.FindAsync(token, cancellationToken);
        IdempotentRequest? idempotency = null;
        if (idempotencyKey is not null && invited is not null)
        {
            // A respondent's key must be random enough that its sealed receipt cannot be guessed open (a UUID is).
            if (!IdempotentRequest.IsValidKey(idempotencyKey) || idempotencyKey.Length < 16)
            {
                return Problems.Unprocessable(IdempotentRequest.Header, "An idempotency key here is 16–255 visible ASCII characters of randomness, such as a UUID.");
            }
            // Scoped by survey, not by token: nothing stored about the key may point back at an invitation.
            idempotency = new IdempotentRequest("respondent:" + invited.SurveyId, idempotencyKey,
                IdempotentRequest.HashOf("POST /api/respond/" + invited.TokenHash, JsonSerializer.Serialize(request)));
        }
        // A retry of the submission that used the invitation up gets that submission's receipt, not the refusal.
        var (opened, problem) = await OpenAsync(invited, surveys, catalog, calendar, cancellationToken);
        if (opened is null)
        {
            return idempotency is not null && await responses.FindEarlierAsync(idempotency, cancellationToken) is { } earlier
                ? ResponseEndpoints.Replay(earlier, context)
                : problem!;
        }
        var outcome = await submission.SubmitAsync(new SubmissionRequest(opened.Survey, new Sender.Respondent(opened.Invitation, request.CompletionMode ?? "self"),
            request.Answers, request.PanelCode, request.Comments, idempotency), cancellationToken);
        return ResponseEndpoints.Answer(outcome, opened.Survey, context);
    }

    /// <summary>Every field at fault in a draft (which may be empty) or a submission of this invitation.</summary>
    internal static Problems.ErrorList Check(Opened opened, IReadOnlyDictionary<string, int?> answers, string mode, bool allowEmpty, string? panelCode = null,
        IReadOnlyDictionary<string, string>? comments = null)
    {
        var errors = new Problems.ErrorList();
        var request = new SubmissionRequest(opened.Survey, new Sender.Respondent(opened.Invitation, mode), answers, panelCode, comments, null);
        foreach (var (field, message) in Submission.Check(request, opened.Instrument).Where(e => !(allowEmpty && e.Field == "answers")))
        {
            errors.Add(field, message);
        }
        return errors;
    }
}
