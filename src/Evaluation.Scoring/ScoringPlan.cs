using Evaluation.Instruments;

namespace Evaluation.Scoring;

/// <summary>
/// The instrument's scoring rules compiled for one stakeholder group, for scoring many responses fast: item
/// positions and reverse keys worked out once (the minimum rules are the instrument's own), then each response
/// scored without allocating.
/// Gives exactly <see cref="ResponseScorer"/>'s domain scores (a test checks this on random responses).
/// </summary>
public sealed class ScoringPlan
{
    private readonly int _reverseSum;
    private readonly MinimumShare _factorRule;
    private readonly MinimumShare _domainRule;
    private readonly DomainPlan[] _domains;

    private sealed record FactorPlan(int[] Items, bool[] Reverse);

    private sealed record DomainPlan(FactorPlan[] Factors);

    /// <param name="stakeholderGroup">The group whose items count; null counts every item (spreadsheet data with no group).</param>
    /// <param name="itemOrder">The item id at each position of the rows that will be scored.</param>
    public ScoringPlan(SurveyInstrument instrument, string? stakeholderGroup, IReadOnlyList<string> itemOrder)
    {
        _reverseSum = instrument.Scale.Min + instrument.Scale.Max;
        _factorRule = instrument.Scoring.FactorMinimumAnswered;
        _domainRule = instrument.Scoring.DomainMinimumValidFactors;
        var position = itemOrder.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        _domains = instrument.Domains.Select(domain =>
        {
            var factors = domain.Factors
                .Select(factor => factor.Items.Where(item => stakeholderGroup is null || item.IsShownTo(stakeholderGroup)).ToList())
                .Where(items => items.Count > 0)
                .Select(items => new FactorPlan(
                    items.Select(item => position.TryGetValue(item.Id, out var p) ? p : -1).ToArray(),
                    items.Select(item => item.Reverse).ToArray()))
                .ToArray();
            return new DomainPlan(factors);
        }).ToArray();
    }

    public int DomainCount => _domains.Length;

    /// <summary>Scores one response: <paramref name="row"/> holds answers by position, 0 for missing; NaN marks insufficient data.</summary>
    public void Score(ReadOnlySpan<byte> row, Span<double> domainScores)
    {
        for (var d = 0; d < _domains.Length; d++)
        {
            var domain = _domains[d];
            double sum = 0;
            var valid = 0;
            foreach (var factor in domain.Factors)
            {
                var factorSum = 0;
                var answered = 0;
                for (var i = 0; i < factor.Items.Length; i++)
                {
                    var position = factor.Items[i];
                    if (position >= 0 && row[position] is var value && value != 0)
                    {
                        factorSum += factor.Reverse[i] ? _reverseSum - value : value;
                        answered++;
                    }
                }
                if (_factorRule.IsMet(answered, factor.Items.Length))
                {
                    sum += (double)factorSum / answered;
                    valid++;
                }
            }
            domainScores[d] = _domainRule.IsMet(valid, domain.Factors.Length) ? sum / valid : double.NaN;
        }
    }
}
