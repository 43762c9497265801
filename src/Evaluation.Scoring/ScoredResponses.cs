using Evaluation.Instruments;

namespace Evaluation.Scoring;

/// <summary>Every response's domain and factor scores (NaN: insufficient data), scored once with each group's <see cref="ScoringPlan"/>.</summary>
internal sealed class ScoredResponses
{
    private readonly double[] _domains;
    private readonly double[] _factors;
    private readonly int _domainCount;
    private readonly int _factorCount;

    private ScoredResponses(double[] domains, double[] factors, int domainCount, int factorCount) =>
        (_domains, _factors, _domainCount, _factorCount) = (domains, factors, domainCount, factorCount);

    public static ScoredResponses Of(SurveyInstrument instrument, ResponseMatrix responses)
    {
        var plans = responses.StakeholderGroups.Select(group => new ScoringPlan(instrument, group, responses.ItemIds)).ToArray();
        var (domainCount, factorCount) = (instrument.Domains.Count, instrument.Domains.Sum(d => d.Factors.Count));
        var domains = new double[responses.Count * domainCount];
        var factors = new double[responses.Count * factorCount];
        for (var row = 0; row < responses.Count; row++)
        {
            plans[responses.GroupOf(row)].Score(responses.Row(row), domains.AsSpan(row * domainCount, domainCount),
                factors.AsSpan(row * factorCount, factorCount));
        }
        return new ScoredResponses(domains, factors, domainCount, factorCount);
    }

    public double Domain(int row, int domain) => _domains[row * _domainCount + domain];

    public double Factor(int row, int factor) => _factors[row * _factorCount + factor];

    /// <summary>The scores of <paramref name="rows"/> that are not insufficient data.</summary>
    public List<double> Values(int[] rows, Func<int, double> score)
    {
        var values = new List<double>(rows.Length);
        foreach (var row in rows)
        {
            var value = score(row);
            if (!double.IsNaN(value))
            {
                values.Add(value);
            }
        }
        return values;
    }
}
