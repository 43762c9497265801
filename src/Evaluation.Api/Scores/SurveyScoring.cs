using Evaluation.Api.Hosting;
using Evaluation.Api.Responses;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Scoring;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Scores;

public sealed record ScoredSurvey(Survey Survey, LoadedFile<SurveyInstrument> Instrument, SurveyScores Scores);

/// <summary>Loads a survey's responses and scores them with disclosure control applied.</summary>
public sealed class SurveyScoring(SurveyStore surveys, ResponseStore responses, InstrumentCatalog catalog, IOptions<EvaluationOptions> options)
{
    private readonly DisclosureControl _disclosure = new(options.Value.MinimumCellSize);

    public async Task<ScoredSurvey?> ScoreAsync(string surveyId, CancellationToken cancellationToken)
    {
        if (await surveys.FindAsync(surveyId, cancellationToken) is not { } survey)
        {
            return null;
        }
        var instrument = catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!;
        var answers = await responses.LoadForScoringAsync(survey.Id, cancellationToken);
        var scores = SurveyScorer.Score(instrument.Content, answers, survey.Circles.Select(c => c.Id).ToList(),
            survey.StakeholderGroups, CompletionModes.All, _disclosure);
        return new ScoredSurvey(survey, instrument, scores);
    }
}
