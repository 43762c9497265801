using Evaluation.Instruments;

namespace Evaluation.Scoring.Tests;

public sealed record FactorScore(string FactorId, int Presented, int Answered, double? Value)
{
    public ScoreStatus Status => Value is null ? ScoreStatus.InsufficientData : ScoreStatus.Scored;
}

public sealed record DomainScore(string DomainId, double? Value, string? BandId, IReadOnlyList<FactorScore> Factors)
{
    public ScoreStatus Status => Value is null ? ScoreStatus.InsufficientData : ScoreStatus.Scored;
}

public enum ScoreStatus
{
    Scored,
    InsufficientData,
}

/// <summary>
/// The scoring rules written out plainly, one response at a time: the reference <see cref="ScoringPlan"/> (the
/// engine's fast path) is checked against on random responses, and the rule tests read against.
/// Scores one response by the instrument's rules: reverse keying (min + max − x), factor score = mean of
/// answered items among those shown to the respondent's group, valid when the factor minimum is met;
/// domain score = mean of valid factor scores, valid when the domain minimum is met. Bands on unrounded values.
/// </summary>
public static class ResponseScorer
{
    public static IReadOnlyList<DomainScore> Score(SurveyInstrument instrument, ResponseAnswers response) =>
        instrument.Domains.Select(domain => ScoreDomain(instrument, domain, response)).ToList();

    private static DomainScore ScoreDomain(SurveyInstrument instrument, Domain domain, ResponseAnswers response)
    {
        var factors = domain.Factors.Select(factor => ScoreFactor(instrument, factor, response)).ToList();
        var presentedFactors = factors.Where(f => f.Presented > 0).ToList();
        var valid = presentedFactors.Where(f => f.Value is not null).Select(f => f.Value!.Value).ToList();
        double? value = instrument.Scoring.DomainMinimumValidFactors.IsMet(valid.Count, presentedFactors.Count)
            ? valid.Average()
            : null;
        return new DomainScore(domain.Id, value, value is { } v ? Bands.Classify(instrument, v).Id : null, factors);
    }

    private static FactorScore ScoreFactor(SurveyInstrument instrument, Factor factor, ResponseAnswers response)
    {
        var presented = 0;
        var keyed = new List<int>(factor.Items.Count);
        foreach (var item in factor.Items.Where(item => item.IsShownTo(response.StakeholderGroup)))
        {
            presented++;
            if (response.Answers.TryGetValue(item.Id, out var answer) && answer is { } value)
            {
                keyed.Add(item.Reverse ? instrument.Scale.Reverse(value) : value);
            }
        }
        double? score = instrument.Scoring.FactorMinimumAnswered.IsMet(keyed.Count, presented) ? keyed.Average() : null;
        return new FactorScore(factor.Id, presented, keyed.Count, score);
    }
}
