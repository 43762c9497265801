using Evaluation.Instruments;
using Evaluation.Scoring.Disclosure;
using Evaluation.Scoring.Reliability;

namespace Evaluation.Scoring;

/// <summary>
/// psych-style reliability of a cell's items over every respondent of the cell (psych's N), given only with a
/// released cell: its respondents are the ones the released figure already rests on.
/// </summary>
internal sealed class ReliabilityRule(SurveyInstrument instrument, ResponseMatrix responses, DisclosureControl disclosure, bool listwise)
{
    private readonly int _reverseSum = instrument.Scale.Min + instrument.Scale.Max;
    private readonly Dictionary<string, int> _position = responses.ItemIds.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);

    public AlphaResult? Of(IReadOnlyList<Item> items, int[] rows, ScoreCell cell, bool withItemStatistics = true)
    {
        if (cell.Status != CellStatus.Released)
        {
            return null;
        }
        // Only items someone in the cell was shown: an item no respondent could answer is not a constant item.
        var groupsPresent = rows.Select(responses.GroupOf).Distinct().Select(g => responses.StakeholderGroups[g]).ToList();
        var shown = items.Where(item => groupsPresent.Any(item.IsShownTo)).ToList();
        var columns = shown.Select(item => Column(item, rows)).ToArray();
        var alpha = Alpha.Compute(shown.Select(i => i.Id).ToList(), columns, listwise);
        if (listwise && alpha.Respondents < disclosure.MinimumCellSize)
        {
            // Complete responses are a subset of the cell: a figure on fewer than the minimum is not released.
            return AlphaResult.NotEstimated(ReliabilityStatus.Withheld, cell.N ?? 0, shown.Count);
        }
        // Item statistics only for whole-population cells (a breakdown's would be recomputable from the total's),
        // and only for items answered by at least the minimum.
        return withItemStatistics ? alpha.WithoutItemsAnsweredByFewerThan(disclosure.MinimumCellSize) : alpha.WithoutItemStatistics();
    }

    /// <summary>The keyed answers of <paramref name="rows"/> to one item, NaN where there is none.</summary>
    private double[] Column(Item item, int[] rows)
    {
        if (!_position.TryGetValue(item.Id, out var position))
        {
            throw new ArgumentException($"The responses have no column for item '{item.Id}'.", nameof(item));
        }
        var column = new double[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var value = responses.Row(rows[r])[position];
            column[r] = value == 0 ? double.NaN : item.Reverse ? _reverseSum - value : value;
        }
        return column;
    }
}
