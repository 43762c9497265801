using Evaluation.Api.Hosting;
using Evaluation.Api.Responses;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;

namespace Evaluation.Api.Invitations;

/// <summary>Why an invitation cannot be used now; the API answers each with a problem, the form with a page.</summary>
public enum InvitationRefusal
{
    None,
    UnknownLink,
    Used,
    NotYetOpen,
    Closed,

    /// <summary>A draft was asked of an open link: it is shared, so nobody's answers can be kept on it.</summary>
    SharedLink,

    /// <summary>A draft's answers are at fault: <see cref="DraftOutcome.Errors"/> names each.</summary>
    Invalid,
}

/// <summary>An invitation that may be answered now, with its survey and the instrument its survey asks.</summary>
public sealed record OpenedInvitation(Invitation Invitation, Survey Survey, SurveyInstrument Instrument);

/// <summary>
/// The opened invitation, or why not. <see cref="Found"/> and <see cref="Survey"/> are known whenever the link is: a page
/// says when a survey opens, and a retried submission is found by its survey.
/// </summary>
public sealed record OpeningOutcome(OpenedInvitation? Opened, InvitationRefusal Refusal, Invitation? Found, Survey? Survey);

public sealed record DraftOutcome(InvitationRefusal Refusal, IReadOnlyList<(string Field, string Message)> Errors);

/// <summary>
/// What a respondent's invitation opens, for the JSON API and the form alike: the link is known, not used up, and its
/// survey takes answers today. Also keeps a personal invitation's unfinished answers.
/// </summary>
public sealed class InvitationOpening(InvitationStore invitations, SurveyStore surveys, InstrumentCatalog catalog, Calendar calendar)
{
    /// <summary>By the token as typed or followed (any case, with or without dashes).</summary>
    public async Task<OpeningOutcome> OpenAsync(string token, CancellationToken cancellationToken) =>
        await OpenAsync(await invitations.FindAsync(token, cancellationToken), cancellationToken);

    /// <summary>By the stored hash, as a form session remembers its invitation.</summary>
    public async Task<OpeningOutcome> OpenByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        await OpenAsync(await invitations.FindByHashAsync(tokenHash, cancellationToken), cancellationToken);

    /// <summary>Replaces the draft of a personal invitation with these answers (which may be none yet).</summary>
    public async Task<DraftOutcome> SaveDraftAsync(OpenedInvitation opened, IReadOnlyDictionary<string, int?> answers, CancellationToken cancellationToken)
    {
        if (opened.Invitation.Kind != InvitationKind.SingleUse)
        {
            return new DraftOutcome(InvitationRefusal.SharedLink, []);
        }
        // Checked as a submission would be, except that a draft may have no answers yet.
        var asSubmitted = new SubmissionRequest(opened.Survey, new Sender.Respondent(opened.Invitation, "self"), answers, null, null, null);
        var errors = Submission.Check(asSubmitted, opened.Instrument).Where(e => e.Field != "answers").ToList();
        if (errors.Count > 0)
        {
            return new DraftOutcome(InvitationRefusal.Invalid, errors);
        }
        await invitations.SaveDraftAsync(opened.Invitation.TokenHash, StoredAnswers.Write(answers), cancellationToken);
        return new DraftOutcome(InvitationRefusal.None, []);
    }

    private async Task<OpeningOutcome> OpenAsync(Invitation? invitation, CancellationToken cancellationToken)
    {
        if (invitation is null)
        {
            return new OpeningOutcome(null, InvitationRefusal.UnknownLink, null, null);
        }
        var survey = (await surveys.FindAsync(invitation.SurveyId, cancellationToken))!;
        if (invitation.Used)
        {
            return new OpeningOutcome(null, InvitationRefusal.Used, invitation, survey);
        }
        var today = calendar.Today();
        if (!survey.AcceptsResponsesOn(today))
        {
            var notYet = survey.Status == SurveyStatus.Draft || today < survey.OpensOn;
            return new OpeningOutcome(null, notYet ? InvitationRefusal.NotYetOpen : InvitationRefusal.Closed, invitation, survey);
        }
        var instrument = catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!.Content;
        return new OpeningOutcome(new OpenedInvitation(invitation, survey, instrument), InvitationRefusal.None, invitation, survey);
    }
}
