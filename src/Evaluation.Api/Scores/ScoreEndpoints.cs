using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Scores;

public sealed record SurveyScoresResponse(
    string SurveyId,
    SurveyInstrumentRef Instrument,
    int MinimumCellSize,
    CellStatus ResponsesStatus,
    int? Responses,
    IReadOnlyList<DomainScoresResponse> Domains,
    IReadOnlyList<CountCell> CompletionModes);

public sealed record DomainScoresResponse(
    string Id,
    string Title,
    ScoreCell Overall,
    IReadOnlyList<CircleScore> ByCircle,
    IReadOnlyList<GroupScore> ByStakeholderGroup,
    IReadOnlyList<FactorScoreResponse> Factors);

public sealed record CircleScore(string CircleId, string Name, ScoreCell Score);

public sealed record GroupScore(string StakeholderGroup, ScoreCell Score);

public sealed record FactorScoreResponse(string Id, string Title, ScoreCell Overall);

public static class ScoreEndpoints
{
    public static IEndpointRouteBuilder MapScores(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/surveys/{surveyId}/scores").WithTags("Scores").RequireAuthorization(Policies.Staff)
            .MapGet("/", GetScores).WithName(nameof(GetScores))
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Ok<SurveyScoresResponse>, ProblemHttpResult>> GetScores(
        string surveyId, SurveyScoring scoring, CancellationToken cancellationToken) =>
        await scoring.ScoreAsync(surveyId, cancellationToken) is { } scored
            ? TypedResults.Ok(ToResponse(scored))
            : Problems.NotFound("survey", surveyId);

    private static SurveyScoresResponse ToResponse(ScoredSurvey scored)
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
                domain.ByCircle.Select(c => new CircleScore(c.Key, circleNames[c.Key], c.Score)).ToList(),
                domain.ByStakeholderGroup.Select(g => new GroupScore(g.Key, g.Score)).ToList(),
                domain.Factors.Select(f => new FactorScoreResponse(f.FactorId, instrument.FindFactor(f.FactorId)!.Title.In(LocalizedText.English), f.Overall)).ToList())).ToList(),
            scored.Scores.ByCompletionMode);
    }
}
