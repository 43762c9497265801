using Evaluation.Instruments;

namespace Evaluation.Scoring;

/// <summary>
/// The instrument's scoring rules compiled for one stakeholder group, for scoring many responses fast: item
/// positions and reverse keys worked out once (the minimum rules are the instrument's own), then each response
/// scored without allocating.
/// A test checks it against the rules written out plainly (tests/Evaluation.Scoring.Tests/ResponseScorer.cs) on random responses.
/// </summary>
public sealed class ScoringPlan
{
    private readonly int _reverseSum;
    private readonly MinimumShare _factorRule;
    private readonly MinimumShare _domainRule;
    private readonly DomainPlan[] _domains;

    /// <param name="Index">The factor's position in the instrument, across domains.</param>
    /// <param name="Items">Positions in the row of the items shown to the group (−1: the row has no such column).</param>
    private sealed record FactorPlan(int Index, int[] Items, bool[] Reverse);

    /// <param name="Presented">The factors with at least one item shown to the group: only these count.</param>
    private sealed record DomainPlan(FactorPlan[] Presented);

    /// <param name="stakeholderGroup">The group whose items count; null counts every item (spreadsheet data with no group).</param>
    /// <param name="itemOrder">The item id at each position of the rows that will be scored.</param>
    public ScoringPlan(SurveyInstrument instrument, string? stakeholderGroup, IReadOnlyList<string> itemOrder)
    {
        _reverseSum = instrument.Scale.Min + instrument.Scale.Max;
        _factorRule = instrument.Scoring.FactorMinimumAnswered;
        _domainRule = instrument.Scoring.DomainMinimumValidFactors;
        var position = itemOrder.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        var factorIndex = 0;
        _domains = instrument.Domains.Select(domain => new DomainPlan(domain.Factors
            .Select(factor => (Index: factorIndex++, Items: factor.Items.Where(item => stakeholderGroup is null || item.IsShownTo(stakeholderGroup)).ToList()))
            .Where(factor => factor.Items.Count > 0)
            .Select(factor => new FactorPlan(
                factor.Index,
                factor.Items.Select(item => position.TryGetValue(item.Id, out var p) ? p : -1).ToArray(),
                factor.Items.Select(item => item.Reverse).ToArray()))
            .ToArray())).ToArray();
        FactorCount = factorIndex;
    }

    public int DomainCount => _domains.Length;

    /// <summary>Factors of the whole instrument, in order across domains.</summary>
    public int FactorCount { get; }

    /// <summary>Scores one response: <paramref name="row"/> holds answers by position, 0 for missing; NaN marks insufficient data.</summary>
    public void Score(ReadOnlySpan<byte> row, Span<double> domainScores) => Score(row, domainScores, []);

    /// <summary>
    /// Scores one response into <paramref name="domainScores"/> and, when it is not empty, <paramref name="factorScores"/>
    /// (<see cref="FactorCount"/> long). NaN marks insufficient data, or a factor with no item shown to the group.
    /// </summary>
    public void Score(ReadOnlySpan<byte> row, Span<double> domainScores, Span<double> factorScores)
    {
        factorScores.Fill(double.NaN);
        for (var d = 0; d < _domains.Length; d++)
        {
            var domain = _domains[d];
            double sum = 0;
            var valid = 0;
            foreach (var factor in domain.Presented)
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
                    var score = (double)factorSum / answered;
                    sum += score;
                    valid++;
                    if (!factorScores.IsEmpty)
                    {
                        factorScores[factor.Index] = score;
                    }
                }
            }
            domainScores[d] = _domainRule.IsMet(valid, domain.Presented.Length) ? sum / valid : double.NaN;
        }
    }
}
