using Evaluation.Api.Hosting;
using Evaluation.Api.Scores;
using Evaluation.Api.Security;
using Evaluation.Scoring;
using Evaluation.Scoring.Disclosure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Invitations;

/// <summary>Who has taken part so far, circle by circle.</summary>
/// <param name="Exact">True for the organisation's evaluators: every count as stored. False for a circle lead: only what the
/// wave's disclosure decision releases.</param>
public sealed record ParticipationView(string SurveyId, bool Exact, IReadOnlyList<CircleParticipation> Circles);

/// <param name="Invited">Single-use invitations issued to the circle; null where none were (open links or paper only).</param>
/// <param name="Responses">Every response of the circle, however it came (invitation, open link, paper); null when the
/// decision hides it, with <paramref name="ResponsesSuppressedBecause"/> saying why.</param>
/// <param name="InvitationsAnswered">Single-use invitations of the circle that were answered, as released (null when hidden).</param>
public sealed record CircleParticipation(
    string CircleId,
    string CircleName,
    int? Invited,
    int? Responses,
    SuppressionReason? ResponsesSuppressedBecause,
    int? InvitationsAnswered,
    SuppressionReason? InvitationsAnsweredSuppressedBecause,
    IReadOnlyList<GroupParticipation> Groups);

/// <param name="Invited">Single-use invitations issued to the circle's group; null where none were.</param>
/// <param name="Responses">The group's responses in the circle: evaluators only (a circle's groups are not figures any
/// other role is given, so a circle lead gets null).</param>
/// <param name="ResponseRate">The share of the group's single-use invitations that were answered (evaluators only).</param>
public sealed record GroupParticipation(string StakeholderGroup, int? Invited, int? Responses, double? ResponseRate);

public static class ParticipationEndpoint
{
    /// <summary>
    /// Invitations and responses per circle. The organisation's evaluators see every count per circle and group; a
    /// circle lead sees only their circles, each circle's responses and answered invitations as the wave's one disclosure
    /// decision releases them (the figures their dashboard and the funders' report show), and how many invitations
    /// each group was sent.
    /// </summary>
    public static async Task<Results<Ok<ParticipationView>, ProblemHttpResult>> GetParticipation(
        string surveyId, Caller caller, SurveyScoring scoring, InvitationStore invitations, CancellationToken cancellationToken)
    {
        var found = await scoring.FindSurveyAsync(surveyId, cancellationToken);
        var survey = found?.Survey;
        var exact = survey is not null && caller.MayManage(survey.OrganisationId);
        var lead = survey is not null && caller.Role == Role.CircleLead && caller.OrganisationId == survey.OrganisationId;
        if (!exact && !lead)
        {
            return Problems.NotFound("survey", surveyId);
        }
        var cells = (await invitations.ParticipationAsync(survey!.Id, cancellationToken))
            .Where(cell => exact || caller.CircleIds.Contains(cell.CircleId))
            .ToLookup(cell => cell.CircleId);
        var released = exact ? null : (await scoring.ScoreAsync(survey.Id, cancellationToken))!.Scores.Participation;
        var circles = survey.Circles.Where(circle => cells.Contains(circle.Id)).Select(circle =>
        {
            var groups = cells[circle.Id].ToList();
            var invited = groups.Sum(g => g.Invited);
            var (responses, responsesHidden) = exact ? (groups.Sum(g => g.Responses), null) : Released(released?.ResponsesByCircle, circle.Id);
            var (answered, answeredHidden) = exact ? (groups.Sum(g => g.InvitationsUsed), null) : Released(released?.InvitationsUsedByCircle, circle.Id);
            return new CircleParticipation(circle.Id, circle.Name, invited == 0 ? null : invited, responses, responsesHidden,
                invited == 0 ? null : answered, invited == 0 ? null : answeredHidden,
                groups.Select(g => new GroupParticipation(g.StakeholderGroup, g.Invited == 0 ? null : g.Invited,
                    exact ? g.Responses : null, exact && g.Invited > 0 ? (double)g.InvitationsUsed / g.Invited : null)).ToList());
        }).ToList();
        return TypedResults.Ok(new ParticipationView(survey.Id, exact, circles));
    }

    /// <summary>A circle's count as the decision released it; a circle the decision does not cover is hidden, never shown undecided.</summary>
    private static (int? Count, SuppressionReason? Because) Released(IReadOnlyList<CountCell>? decided, string circleId) =>
        decided?.FirstOrDefault(c => c.Key == circleId) is { } cell
            ? cell.Status == CellStatus.Suppressed ? (null, cell.SuppressedBecause) : (cell.Count ?? 0, null)
            : (null, SuppressionReason.ProtectsSmallGroup);
}
