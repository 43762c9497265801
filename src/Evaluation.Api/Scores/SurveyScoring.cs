using Evaluation.Api.Hosting;
using Evaluation.Api.Invitations;
using Evaluation.Api.Responses;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Reporting;
using Evaluation.Scoring;
using Evaluation.Scoring.Disclosure;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Scores;

/// <param name="Snapshot">The responses the scores were made from.</param>
public sealed record ScoredSurvey(Survey Survey, LoadedFile<SurveyInstrument> Instrument, SurveyScores Scores, DataSnapshot Snapshot,
    IReadOnlyList<DomainChange>? Changes = null,
    IReadOnlyList<DomainPanelChange>? PanelChanges = null);

public enum ScoreOutcome
{
    Scored,
    UnknownSurvey,
    UnknownBaseline,
    BaselineNotComparable,
    BaselineNotEarlier,
}

/// <summary>Loads a survey's responses and scores them with disclosure control applied.</summary>
public sealed class SurveyScoring(SurveyStore surveys, ResponseStore responses, WaveScoreStore kept, InvitationStore invitations,
    InstrumentCatalog catalog, IOptions<EvaluationOptions> options)
{
    private readonly DisclosureControl _disclosure = new(options.Value.MinimumCellSize);

    /// <summary>A survey and its instrument, without scoring it (to check a request before doing any work).</summary>
    public async Task<(Survey Survey, LoadedFile<SurveyInstrument> Instrument)?> FindSurveyAsync(string surveyId, CancellationToken cancellationToken) =>
        await surveys.FindAsync(surveyId, cancellationToken) is { } survey
            ? (survey, catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!)
            : null;

    public async Task<ScoredSurvey?> ScoreAsync(string surveyId, CancellationToken cancellationToken) =>
        (await ScoreAsync(surveyId, baselineSurveyId: null, listwiseReliability: false, cancellationToken)).Scored;

    /// <summary>
    /// Scores a survey and, given an earlier wave of the same organisation and instrument version, the change since it.
    /// Reliability is pairwise as psych's default, or on complete responses only when <paramref name="listwiseReliability"/>.
    /// </summary>
    public async Task<(ScoreOutcome Outcome, ScoredSurvey? Scored)> ScoreAsync(string surveyId, string? baselineSurveyId, bool listwiseReliability,
        CancellationToken cancellationToken)
    {
        if (await surveys.FindAsync(surveyId, cancellationToken) is not { } survey)
        {
            return (ScoreOutcome.UnknownSurvey, null);
        }
        Survey? baseline = null;
        if (baselineSurveyId is not null)
        {
            baseline = await surveys.FindAsync(baselineSurveyId, cancellationToken);
            // Another organisation's survey is answered exactly as an unknown one.
            if (baseline is null || baseline.OrganisationId != survey.OrganisationId)
            {
                return (ScoreOutcome.UnknownBaseline, null);
            }
            if (baseline.OrganisationId != survey.OrganisationId || baseline.Instrument != survey.Instrument || baseline.Id == survey.Id)
            {
                return (ScoreOutcome.BaselineNotComparable, null);
            }
            if (baseline.OpensOn >= survey.OpensOn)
            {
                return (ScoreOutcome.BaselineNotEarlier, null);
            }
        }
        var instrument = catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!;
        var (scores, snapshot) = await ScoresOfAsync(survey, instrument.Content, listwiseReliability, cancellationToken);
        var baselineScores = baseline is null ? null : (await ScoresOfAsync(baseline, instrument.Content, false, cancellationToken)).Scores;
        var changes = baselineScores is null ? null : SurveyScorer.Compare(instrument.Content, baselineScores, scores);
        var panelChanges = baselineScores is null ? null : await PanelChangesAsync((baseline!, baselineScores), (survey, scores), instrument.Content,
            cancellationToken);
        return (ScoreOutcome.Scored, new ScoredSurvey(survey, instrument, scores, snapshot, changes, panelChanges));
    }

    /// <summary>A closed wave's scores are made once and kept (<see cref="WaveScoreStore"/>); an open wave's are made on each call.</summary>
    private async Task<(SurveyScores Scores, DataSnapshot Snapshot)> ScoresOfAsync(Survey survey, SurveyInstrument instrument, bool listwiseReliability,
        CancellationToken cancellationToken)
    {
        var keep = survey.Status == SurveyStatus.Closed && !listwiseReliability;
        if (keep && await kept.FindAsync(survey.Id, _disclosure.MinimumCellSize, cancellationToken) is { } found)
        {
            return found;
        }
        var revision = keep ? await kept.RevisionAsync(survey.Id, cancellationToken) : 0;
        var (answers, snapshot) = await responses.LoadForScoringAsync(survey, instrument, cancellationToken);
        var scores = SurveyScorer.Score(instrument, answers, _disclosure, listwiseReliability,
            await InvitationsUsedAsync(survey, answers, cancellationToken));
        if (keep)
        {
            await kept.StoreAsync(survey.Id, revision, _disclosure.MinimumCellSize, scores, snapshot, cancellationToken);
        }
        return (scores, snapshot);
    }

    /// <summary>Personal invitations answered per circle × group of the matrix (response rates are published, so they are part of the decision).</summary>
    private async Task<int[]> InvitationsUsedAsync(Survey survey, ResponseMatrix matrix, CancellationToken cancellationToken)
    {
        var groups = matrix.StakeholderGroups.Count;
        var used = new int[matrix.Circles.Count * groups];
        var (circle, group) = (matrix.Circles.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i),
            matrix.StakeholderGroups.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i));
        foreach (var cell in await invitations.ParticipationAsync(survey.Id, cancellationToken))
        {
            used[circle[cell.CircleId] * groups + group[cell.StakeholderGroup]] += cell.InvitationsUsed;
        }
        return used;
    }

    /// <summary>
    /// Individual change of the people who answered both waves, or null when there is none to give: only between two
    /// pseudonymous waves (the panel links people across them), and only once both are closed (while one still takes
    /// responses, reading it before and after one would reveal that change). Both waves' responses are read again: the
    /// decision on a paired change needs who is in which cell of each.
    /// </summary>
    public async Task<IReadOnlyList<DomainPanelChange>?> PanelChangesAsync((Survey Survey, SurveyScores Scores) baseline,
        (Survey Survey, SurveyScores Scores) current, SurveyInstrument instrument, CancellationToken cancellationToken)
    {
        if (baseline.Survey.Anonymity != AnonymityMode.Pseudonymous || current.Survey.Anonymity != AnonymityMode.Pseudonymous
            || baseline.Survey.Status != SurveyStatus.Closed || current.Survey.Status != SurveyStatus.Closed)
        {
            return null;
        }
        var (before, after) = await responses.LoadPanelPairsAsync(baseline.Survey, current.Survey, instrument, cancellationToken);
        var everyoneBefore = (await responses.LoadForScoringAsync(baseline.Survey, instrument, cancellationToken)).Matrix;
        var everyoneAfter = (await responses.LoadForScoringAsync(current.Survey, instrument, cancellationToken)).Matrix;
        return SurveyScorer.ComparePanel(instrument, (everyoneBefore, baseline.Scores), (everyoneAfter, current.Scores), before, after, _disclosure);
    }
}
