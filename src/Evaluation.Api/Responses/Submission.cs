using Evaluation.Api.Hosting;
using Evaluation.Api.Invitations;
using Evaluation.Api.Panels;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;

namespace Evaluation.Api.Responses;

/// <summary>Who sends a response, which decides what it may say about itself and what is used up with it.</summary>
public abstract record Sender
{
    private Sender()
    {
    }

    /// <summary>Staff with a key (paper or assisted entry): names the circle, group and mode; the audit entry commits with it.</summary>
    public sealed record Staff(string CircleId, string StakeholderGroup, string CompletionMode, AuditAction? Audit) : Sender;

    /// <summary>
    /// A respondent with an invitation (the JSON API or the form): it decides the circle and group and is used up with
    /// the response, as is the form's session when there is one.
    /// </summary>
    public sealed record Respondent(Invitation Invitation, string CompletionMode, IUsedWithResponse? AlsoUsed = null) : Sender;
}

/// <summary>
/// Something used up in the same commit as a response (an invitation, the form's session). It runs in the group
/// commit's writer on the connection and transaction it is given, with no cancellation of its own; when it answers
/// false, nothing is stored.
/// </summary>
public interface IUsedWithResponse
{
    Task<bool> UseAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction);
}

/// <summary>One response, however it came in. Answers are keyed by item id; null is "not applicable / prefer not to say".</summary>
public sealed record SubmissionRequest(
    Survey Survey,
    Sender Sender,
    IReadOnlyDictionary<string, int?> Answers,
    string? PanelCode,
    IReadOnlyDictionary<string, string>? Comments,
    IdempotentRequest? Idempotency);

public enum SubmissionRefusal
{
    None,

    /// <summary>The survey is a draft, or today is before its first day.</summary>
    NotOpenYet,

    /// <summary>The survey has closed, or today is after its last day.</summary>
    SurveyClosed,

    /// <summary>The survey was closed (or its dates moved) after the request read it open: nothing is stored.</summary>
    ClosedWhileSending,

    /// <summary>A field is at fault: <see cref="SubmissionOutcome.Errors"/> names each.</summary>
    Invalid,

    /// <summary>The panel code is well formed but no card's code, and nobody of the panel answered with it before.</summary>
    PanelCodeDoesNotCheck,

    InvitationUsed,

    /// <summary>The panel code has already answered this survey (one response per person and wave).</summary>
    PanelCodeTaken,
}

/// <summary>The stored response, or the earlier answer to the same idempotency key, or why nothing was stored.</summary>
public sealed record SubmissionOutcome(StoredResponse? Stored, IdempotentAnswer? Earlier, SubmissionRefusal Refused,
    IReadOnlyList<(string Field, string Message)> Errors)
{
    public static SubmissionOutcome Refusal(SubmissionRefusal refused, IReadOnlyList<(string Field, string Message)>? errors = null) =>
        new(null, null, refused, errors ?? []);
}

/// <summary>
/// The one way a response is stored, for every caller (staff JSON, respondent JSON, the form): checks it against the
/// survey's rules for its sender, resolves its panel code, and stores it exactly once per idempotency key, with what it
/// uses up, in one commit. A request that is refused but repeats one already answered gets that answer.
/// </summary>
public sealed class Submission(ResponseStore responses, InstrumentCatalog catalog, PanelKeys panels, Calendar calendar)
{
    /// <summary>What a respondent may say about how they answered; staff may also record paper, interviewer and proxy.</summary>
    private static readonly CompletionMode[] RespondentModes = [CompletionMode.Self, CompletionMode.Assisted, CompletionMode.Proxy];

    public async Task<SubmissionOutcome> SubmitAsync(SubmissionRequest request, CancellationToken cancellationToken)
    {
        var (survey, today) = (request.Survey, calendar.Today());
        if (!survey.AcceptsResponsesOn(today))
        {
            var notYet = survey.Status == SurveyStatus.Draft || (survey.Status == SurveyStatus.Open && today < survey.OpensOn);
            return await RefuseUnlessRetriedAsync(request, SubmissionOutcome.Refusal(notYet ? SubmissionRefusal.NotOpenYet : SubmissionRefusal.SurveyClosed),
                cancellationToken);
        }
        var instrument = catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!.Content;
        var errors = Check(request, instrument);
        if (errors.Count > 0)
        {
            return await RefuseUnlessRetriedAsync(request, SubmissionOutcome.Refusal(SubmissionRefusal.Invalid, errors), cancellationToken);
        }
        var panelKey = request.PanelCode is { } code ? await panels.ResolveAsync(survey.OrganisationId, code, cancellationToken) : null;
        if (request.PanelCode is not null && panelKey is null)
        {
            return await RefuseUnlessRetriedAsync(request, SubmissionOutcome.Refusal(SubmissionRefusal.PanelCodeDoesNotCheck,
                [("panelCode", PanelKeys.DoesNotCheck)]), cancellationToken);
        }
        var (circleId, group, mode, audit, used) = request.Sender switch
        {
            Sender.Staff staff => (staff.CircleId, staff.StakeholderGroup, staff.CompletionMode, staff.Audit, NothingUsed),
            Sender.Respondent respondent => (respondent.Invitation.CircleId, respondent.Invitation.StakeholderGroup, respondent.CompletionMode,
                (AuditAction?)null, UsedBy(respondent)),
            _ => throw new InvalidOperationException("Unknown sender."),
        };
        // Stored in the instrument's item order, the order scoring reads them in. Whether a panel code has answered is
        // found out only inside the write, after the invitation is claimed: a refusal uses nothing up, and one
        // invitation cannot be used to try codes.
        var answers = instrument.Items.Where(item => request.Answers.ContainsKey(item.Id)).ToDictionary(item => item.Id, item => request.Answers[item.Id]);
        var stored = await responses.SubmitAsync(new NewResponse(survey.Id, instrument.Id, instrument.Version, survey.OrganisationId, circleId, group,
            Kebab.Parse<CompletionMode>(mode),
            today, answers, panelKey, ResponseRules.CleanComments(request.Comments)), request.Idempotency, used, audit, cancellationToken);
        return new SubmissionOutcome(stored.Stored, stored.Earlier,
            stored.Refused == SubmissionRefusal.SurveyClosed ? SubmissionRefusal.ClosedWhileSending : stored.Refused, []);
    }

    private static readonly IReadOnlyList<IUsedWithResponse> NothingUsed = [];

    /// <summary>The invitation, and the form's session when it sent the answers.</summary>
    private static IReadOnlyList<IUsedWithResponse> UsedBy(Sender.Respondent respondent) =>
        respondent.AlsoUsed is { } also ? [new InvitationUse(respondent.Invitation), also] : [new InvitationUse(respondent.Invitation)];

    /// <summary>Every field at fault for this sender, in the words of <see cref="ResponseRules"/>.</summary>
    public static List<(string Field, string Message)> Check(SubmissionRequest request, SurveyInstrument instrument)
    {
        var errors = new List<(string Field, string Message)>();
        var rules = request.Sender switch
        {
            Sender.Staff staff => new SubmitResponseRequest(staff.CircleId, staff.StakeholderGroup, staff.CompletionMode, request.Answers, request.PanelCode,
                request.Comments),
            Sender.Respondent respondent => new SubmitResponseRequest(respondent.Invitation.CircleId, respondent.Invitation.StakeholderGroup, "self",
                request.Answers, request.PanelCode, request.Comments),
            _ => throw new InvalidOperationException("Unknown sender."),
        };
        if (request.Sender is Sender.Respondent { CompletionMode: var mode } && !(Kebab.TryParse<CompletionMode>(mode, out var said) && RespondentModes.Contains(said)))
        {
            errors.Add(("completionMode", "self (you answered), assisted (someone helped) or proxy (someone answered for you)."));
        }
        errors.AddRange(ResponseRules.Check(rules, request.Survey, instrument));
        return errors;
    }

    /// <summary>
    /// A refusal, unless the request repeats one already answered (same idempotency key): then that answer, so a retry
    /// gets its receipt even after the survey has closed. Looked up only on the way to a refusal; a submission that
    /// goes ahead finds an earlier answer inside its own transaction.
    /// </summary>
    private async Task<SubmissionOutcome> RefuseUnlessRetriedAsync(SubmissionRequest request, SubmissionOutcome refusal, CancellationToken cancellationToken) =>
        request.Idempotency is { } idempotency && await responses.FindEarlierAsync(idempotency, cancellationToken) is { } earlier
            ? new SubmissionOutcome(null, earlier, SubmissionRefusal.None, [])
            : refusal;
}
