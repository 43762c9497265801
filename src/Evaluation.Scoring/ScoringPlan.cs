using Evaluation.Instruments;

namespace Evaluation.Scoring;

/// <summary>
/// The instrument's scoring rules compiled for one stakeholder group, for scoring many responses fast: item
/// positions, reverse keys and minimum counts worked out once, then each response scored without allocating.
/// Gives exactly <see cref="ResponseScorer"/>'s domain scores (a test checks this on random responses).
/// </summary>
public sealed class ScoringPlan
{
    private readonly int _reverseSum;
    private readonly DomainPlan[] _domains;

    private sealed record FactorPlan(int[] Items, bool[] Reverse, int MinimumAnswered);

    private sealed record DomainPlan(FactorPlan[] Factors, int MinimumValidFactors);

    /// <param name="stakeholderGroup">The group whose items count; null counts every item (spreadsheet data with no group).</param>
    /// <param name="itemOrder">The item id at each position of the rows that will be scored.</param>
    public ScoringPlan(SurveyInstrument instrument, string? stakeholderGroup, IReadOnlyList<string> itemOrder)
    {
        _reverseSum = instrument.Scale.Min + instrument.Scale.Max;
        var position = itemOrder.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        _domains = instrument.Domains.Select(domain =>
        {
            var factors = domain.Factors
                .Select(factor => factor.Items.Where(item => stakeholderGroup is null || item.IsShownTo(stakeholderGroup)).ToList())
                .Where(items => items.Count > 0)
                .Select(items => new FactorPlan(
                    items.Select(item => position.TryGetValue(item.Id, out var p) ? p : -1).ToArray(),
                    items.Select(item => item.Reverse).ToArray(),
                    Minimum(instrument.Scoring.FactorMinimumAnswered, items.Count)))
                .ToArray();
            return new DomainPlan(factors, Minimum(instrument.Scoring.DomainMinimumValidFactors, factors.Length));
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
                if (answered >= factor.MinimumAnswered)
                {
                    sum += (double)factorSum / answered;
                    valid++;
                }
            }
            domainScores[d] = valid >= domain.MinimumValidFactors ? sum / valid : double.NaN;
        }
    }

    /// <summary>The smallest count meeting <paramref name="share"/> of <paramref name="total"/> (never met when total is 0).</summary>
    private static int Minimum(MinimumShare share, int total)
    {
        if (total == 0)
        {
            return int.MaxValue;
        }
        var needed = (int)(((long)share.Numerator * total + share.Denominator - 1) / share.Denominator);
        return Math.Max(needed, share.AtLeast);
    }
}
