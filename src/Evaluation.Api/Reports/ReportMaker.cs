using Evaluation.Api.Invitations;
using Evaluation.Api.Scores;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Reporting;
using Evaluation.Scoring;

namespace Evaluation.Api.Reports;

/// <summary>
/// Turns a scored survey into its report's HTML: the report model with the theory of change, the change in each domain
/// since the previous wave of the same instrument version, participation and the data snapshot.
/// </summary>
public sealed class ReportMaker(InstrumentCatalog catalog, SurveyStore surveys, SurveyScoring scoring, InvitationStore invitations,
    Capacity.CapacityStore capacity, ReportRenderer renderer)
{
    /// <summary>How many waves the trend shows, this one included.</summary>
    public const int TrendWaves = 6;

    /// <param name="asOf">The day the report states it was produced: today for a live report, the closing day for a release.</param>
    public async Task<string> RenderAsync(ScoredSurvey scored, string language, DateOnly asOf, CancellationToken cancellationToken)
    {
        var instrument = scored.Instrument.Content;
        var earlierWaves = new List<(Survey Wave, SurveyScores Scores)>();
        foreach (var wave in await surveys.EarlierWavesAsync(scored.Survey, TrendWaves - 1, cancellationToken))
        {
            earlierWaves.Add((wave, (await scoring.ScoreAsync(wave.Id, cancellationToken))!.Scores)); // scored once, and kept once closed
        }
        var earlier = earlierWaves.Count > 0 ? await EarlierAsync(earlierWaves[0], scored, cancellationToken) : null;
        var trend = earlierWaves.AsEnumerable().Reverse()
            .Select(e => new TrendWave(e.Wave.Title, e.Scores.Domains.ToDictionary(d => d.DomainId, d => d.Overall))).ToList();
        var participation = (await invitations.ParticipationAsync(scored.Survey.Id, cancellationToken))
            .Select(p => new InvitationsIssued(p.CircleId, p.StakeholderGroup, p.Invited)).ToList();
        var model = ReportBuilder.Build(new ReportInput(
            instrument,
            catalog.TheoryOfChangeFor(instrument),
            scored.Scores,
            scored.Survey.OrganisationName,
            scored.Survey.Title,
            scored.Survey.OpensOn,
            scored.Survey.ClosesOn,
            scored.Survey.Circles.ToDictionary(c => c.Id, c => c.Name),
            asOf,
            language,
            scored.Snapshot,
            earlier,
            participation,
            trend,
            await CapacityAsync(scored.Survey, cancellationToken)));
        return await renderer.RenderAsync(model);
    }

    /// <summary>The organisation's capacity assessments up to the wave's closing day, per partner, on the shipped assessment tool.</summary>
    private async Task<CapacityInput?> CapacityAsync(Survey survey, CancellationToken cancellationToken)
    {
        if (catalog.CapacityAssessments.FirstOrDefault() is not { } tool)
        {
            return null;
        }
        var circles = survey.Circles.ToDictionary(c => c.Id, c => c.Name);
        var assessments = (await capacity.ListAsync(survey.OrganisationId, survey.ClosesOn, cancellationToken))
            .Where(a => a.InstrumentId == tool.Content.Id && a.InstrumentVersion == tool.Content.Version).ToList();
        var partners = assessments.GroupBy(a => a.Partner, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PartnerAssessments(g.Key, circles.GetValueOrDefault(g.Last().CircleId, ""),
                g.Select(a => (a.AssessedOn, a.Ratings)).ToList())).ToList();
        return new CapacityInput(tool.Content, partners);
    }

    /// <summary>The previous wave: its scores, the change since it, and the change of the people who answered both.</summary>
    private async Task<EarlierWave> EarlierAsync((Survey Wave, SurveyScores Scores) previous, ScoredSurvey scored, CancellationToken cancellationToken)
    {
        var instrument = scored.Instrument.Content;
        return new EarlierWave(previous.Wave.Title, SurveyScorer.Compare(instrument, previous.Scores, scored.Scores), previous.Scores,
            await scoring.PanelChangesAsync(previous, (scored.Survey, scored.Scores), instrument, cancellationToken));
    }

    /// <summary>The wave before a scored one, for its dashboards; null when it is the first.</summary>
    public async Task<EarlierWave?> EarlierWaveAsync(ScoredSurvey scored, CancellationToken cancellationToken) =>
        (await surveys.EarlierWavesAsync(scored.Survey, 1, cancellationToken)).FirstOrDefault() is { } previous
            ? await EarlierAsync((previous, (await scoring.ScoreAsync(previous.Id, cancellationToken))!.Scores), scored, cancellationToken)
            : null;

    /// <summary>A circle's dashboard for a scored (closed) wave, with the change since <paramref name="earlier"/>.</summary>
    public Task<string> RenderDashboardAsync(ScoredSurvey scored, EarlierWave? earlier, string circleId, string language)
    {
        var survey = scored.Survey;
        var model = ReportBuilder.BuildDashboard(new ReportInput(scored.Instrument.Content, catalog.TheoryOfChangeFor(scored.Instrument.Content), scored.Scores,
            survey.OrganisationName, survey.Title, survey.OpensOn, survey.ClosesOn, survey.Circles.ToDictionary(c => c.Id, c => c.Name), survey.ClosesOn,
            language, Earlier: earlier), circleId);
        return renderer.RenderAsync(model);
    }
}
