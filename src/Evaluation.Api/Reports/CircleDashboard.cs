using Evaluation.Api.Hosting;
using Evaluation.Api.Scores;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;

namespace Evaluation.Api.Reports;

public enum DashboardRefusal
{
    None,

    /// <summary>No such circle, or not one the caller may read: answered alike, so a key never learns what exists.</summary>
    UnknownCircle,

    /// <summary>The circle has no closed wave yet: figures of an open wave still change.</summary>
    NoClosedWave,

    /// <summary>The wave's instrument has no such language.</summary>
    UnknownLanguage,
}

/// <summary>The page, or why there is none; <see cref="Languages"/> lists the instrument's languages for an unknown one.</summary>
public sealed record DashboardOutcome(string? Html, DashboardRefusal Refused, IReadOnlyList<string> Languages);

/// <summary>
/// A circle's dashboard, for the circle's leads and the organisation's evaluators: the latest closed wave that
/// included the circle, frozen the first time it is read (in every language at once, from the same data, so two
/// languages read a withdrawal apart cannot expose it). Every caller (the API today, the circle lead's pages next)
/// reads it here.
/// </summary>
public sealed class CircleDashboard(DashboardStore dashboards, SurveyStore surveys, SurveyScoring scoring, ReportMaker reports, Calendar calendar)
{
    public async Task<DashboardOutcome> ReadAsync(string circleId, string language, Caller caller, CancellationToken cancellationToken)
    {
        var organisationId = await dashboards.OrganisationOfCircleAsync(circleId, cancellationToken);
        var mayRead = organisationId is not null && (caller.MayManage(organisationId)
            || (caller.Role == Role.CircleLead && caller.OrganisationId == organisationId && caller.CircleIds.Contains(circleId)));
        if (!mayRead)
        {
            return new DashboardOutcome(null, DashboardRefusal.UnknownCircle, []);
        }
        if (await dashboards.LatestClosedWaveAsync(circleId, calendar.Today(), cancellationToken) is not { } surveyId)
        {
            return new DashboardOutcome(null, DashboardRefusal.NoClosedWave, []);
        }
        if (await dashboards.FrozenAsync(surveyId, circleId, language, cancellationToken) is { } frozen)
        {
            return new DashboardOutcome(frozen, DashboardRefusal.None, []);
        }
        var (survey, instrument) = (await scoring.FindSurveyAsync(surveyId, cancellationToken))!.Value;
        if (!instrument.Content.Languages.Contains(language))
        {
            return new DashboardOutcome(null, DashboardRefusal.UnknownLanguage, instrument.Content.Languages); // before anything is closed or frozen
        }
        if (survey.Status != SurveyStatus.Closed)
        {
            // Past its closing day but still open: a dashboard, like a release, closes it, so its dates cannot be
            // moved to take more answers after its figures were shown.
            await surveys.CloseAsync(surveyId, calendar.Today(), cancellationToken);
        }
        var scored = (await scoring.ScoreAsync(surveyId, cancellationToken))!; // closed: scored once for every circle, and kept
        var earlier = await reports.EarlierWaveAsync(scored, cancellationToken);
        var pages = new Dictionary<string, string>();
        foreach (var each in scored.Instrument.Content.Languages)
        {
            pages[each] = await reports.RenderDashboardAsync(scored, earlier, circleId, each);
        }
        await dashboards.FreezeAsync(surveyId, circleId, pages, calendar.Today(), cancellationToken);
        // A concurrent first reading may have frozen its own: everyone gets the one kept.
        return new DashboardOutcome((await dashboards.FrozenAsync(surveyId, circleId, language, cancellationToken))!, DashboardRefusal.None, []);
    }
}
