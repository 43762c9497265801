using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Scoring;
using Evaluation.Scoring.Change;
using Evaluation.Scoring.Disclosure;
using Evaluation.Scoring.Reliability;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Scores;

public sealed record SurveyScoresResponse(
    string SurveyId,
    SurveyInstrumentRef Instrument,
    int MinimumCellSize,
    CellStatus ResponsesStatus,
    int? Responses,
    IReadOnlyList<DomainScoresResponse> Domains,
    IReadOnlyList<CountCell> CompletionModes,
    string? ComparedWith = null,
    IReadOnlyList<DomainChange>? Changes = null,
    IReadOnlyList<DomainPanelChange>? PanelChanges = null,
    SuppressionReason? ResponsesSuppressedBecause = null,
    Participation? Participation = null);

public sealed record DomainScoresResponse(
    string Id,
    string Title,
    ScoreCell Overall,
    AlphaResult? Reliability,
    IReadOnlyList<CircleScore> ByCircle,
    IReadOnlyList<GroupScore> ByStakeholderGroup,
    IReadOnlyList<GroupGap> PerspectiveGaps,
    IReadOnlyList<FactorScoreResponse> Factors);

public sealed record CircleScore(string CircleId, string Name, ScoreCell Score, AlphaResult? Reliability);

public sealed record GroupScore(string StakeholderGroup, ScoreCell Score, AlphaResult? Reliability);

public sealed record FactorScoreResponse(string Id, string Title, ScoreCell Overall, AlphaResult? Reliability, IReadOnlyList<FactorCircleScore> ByCircle);

public sealed record FactorCircleScore(string CircleId, string Name, ScoreCell Score);

public static class ScoreEndpoints
{
    public static IEndpointRouteBuilder MapScores(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/surveys/{surveyId}/scores").WithTags("Scores").RequireAuthorization(Policies.Staff)
            .OwnedBy(OwnedObject.Survey, "surveyId")
            .MapGet("/", GetScores).WithName(nameof(GetScores)).WithSummary("Domain, factor and item scores of a survey with reliability").Audited("read-scores", "survey", "surveyId")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    /// <param name="compareWith">A baseline survey (earlier wave, same organisation and instrument version) to report change from.</param>
    /// <param name="listwise">Reliability on complete responses only (psych on na.omit); default false: pairwise, as psych.</param>
    public static async Task<Results<Ok<SurveyScoresResponse>, ProblemHttpResult>> GetScores(
        string surveyId, string? compareWith, bool? listwise, SurveyScoring scoring, CancellationToken cancellationToken)
    {
        var (outcome, scored) = await scoring.ScoreAsync(surveyId, compareWith, listwise ?? false, cancellationToken);
        return outcome switch
        {
            ScoreOutcome.Scored => TypedResults.Ok(ToResponse(scored!, compareWith)),
            ScoreOutcome.UnknownSurvey => Problems.NotFound("survey", surveyId),
            ScoreOutcome.UnknownBaseline => Problems.Unprocessable("compareWith", $"There is no survey '{compareWith}'."),
            ScoreOutcome.BaselineNotEarlier => Problems.Unprocessable("compareWith", "The baseline must be an earlier wave: it opens on or after this survey."),
            _ => Problems.Unprocessable("compareWith", "The baseline must be another survey of the same organisation on the same instrument version."),
        };
    }

    private static SurveyScoresResponse ToResponse(ScoredSurvey scored, string? compareWith)
    {
        var instrument = scored.Instrument.Content;
        var circleNames = scored.Survey.Circles.ToDictionary(c => c.Id, c => c.Name);
        return new SurveyScoresResponse(
            scored.Survey.Id,
            scored.Survey.Instrument,
            scored.Scores.MinimumCellSize,
            scored.Scores.ResponsesStatus,
            scored.Scores.Responses,
            scored.Scores.Domains.Select(domain => new DomainScoresResponse(
                domain.DomainId,
                instrument.FindDomain(domain.DomainId)!.Title.In(LocalizedText.English),
                domain.Overall,
                domain.Reliability,
                domain.ByCircle.Select(c => new CircleScore(c.Key, circleNames[c.Key], c.Score, c.Reliability)).ToList(),
                domain.ByStakeholderGroup.Select(g => new GroupScore(g.Key, g.Score, g.Reliability)).ToList(),
                domain.PerspectiveGaps,
                domain.Factors.Select(f => new FactorScoreResponse(f.FactorId, instrument.FindFactor(f.FactorId)!.Title.In(LocalizedText.English), f.Overall, f.Reliability,
                    f.ByCircle.Select(c => new FactorCircleScore(c.Key, circleNames[c.Key], c.Score)).ToList())).ToList())).ToList(),
            scored.Scores.ByCompletionMode,
            compareWith,
            scored.Changes,
            scored.PanelChanges,
            scored.Scores.ResponsesSuppressedBecause,
            scored.Scores.Participation);
    }
}
