using Evaluation.Instruments;
using Evaluation.Scoring.Change;
using Evaluation.Scoring.Reliability;

namespace Evaluation.Scoring;

/// <summary>
/// Aggregates scored responses per domain (overall, per circle, per stakeholder group) and per factor, then
/// applies <see cref="DisclosureControl"/> to every breakdown before anything is returned.
/// </summary>
public static class SurveyScorer
{
    /// <summary>Scores responses given as item → value maps (tests, small data); see the packed overload.</summary>
    public static SurveyScores Score(
        SurveyInstrument instrument,
        IReadOnlyList<ResponseAnswers> responses,
        IReadOnlyList<string> circleIds,
        IReadOnlyList<string> stakeholderGroups,
        IReadOnlyList<string> completionModes,
        DisclosureControl disclosure,
        bool listwiseReliability = false) =>
        Score(instrument, ResponseMatrix.From(instrument, responses, circleIds, stakeholderGroups, completionModes), disclosure, listwiseReliability);

    /// <param name="listwiseReliability">Reliability on complete responses only (psych on <c>na.omit</c>) instead of pairwise.</param>
    public static SurveyScores Score(SurveyInstrument instrument, ResponseMatrix responses, DisclosureControl disclosure, bool listwiseReliability = false)
    {
        var reliability = new ReliabilityRule(instrument, responses, disclosure, listwiseReliability);
        var scored = ScoredResponses.Of(instrument, responses);
        var allRows = Enumerable.Range(0, responses.Count).ToArray();
        var rowsByCircle = RowsBy(responses, responses.Circles.Count, responses.CircleOf);
        var rowsByGroup = RowsBy(responses, responses.StakeholderGroups.Count, responses.GroupOf);
        var factorIndex = 0;
        var domains = instrument.Domains.Select((domain, d) =>
        {
            var domainItems = domain.Factors.SelectMany(f => f.Items).ToList();
            var factors = domain.Factors.Select(factor =>
            {
                var f = factorIndex++;
                double FactorScore(int row) => scored.Factor(row, f);
                var cell = Cell(instrument, scored.Values(allRows, FactorScore), disclosure, withBandCounts: true);
                return new FactorResult(factor.Id, cell, reliability.Of(factor.Items, allRows, cell),
                    Breakdown(instrument, null, factor.Items, responses.Circles, rowsByCircle, scored, FactorScore, disclosure));
            }).ToList();
            double DomainScore(int row) => scored.Domain(row, d);
            var overall = Cell(instrument, scored.Values(allRows, DomainScore), disclosure, withBandCounts: true);
            var byGroup = Breakdown(instrument, reliability, domainItems, responses.StakeholderGroups, rowsByGroup, scored, DomainScore, disclosure);
            return new DomainResult(
                domain.Id,
                overall,
                reliability.Of(domainItems, allRows, overall),
                Breakdown(instrument, reliability, domainItems, responses.Circles, rowsByCircle, scored, DomainScore, disclosure),
                byGroup,
                PerspectiveGaps(responses.StakeholderGroups, byGroup, rowsByGroup.Select(rows => scored.Values(rows, DomainScore)).ToList()),
                factors);
        }).ToList();

        var modeCounts = RowsBy(responses, responses.CompletionModes.Count, responses.ModeOf).Select(rows => rows.Length).ToList();
        var hiddenModes = disclosure.CellsToSuppress(modeCounts);
        var byMode = responses.CompletionModes.Select((mode, i) => new CountCell(
            mode,
            modeCounts[i] == 0 ? CellStatus.NoResponses : hiddenModes.Contains(i) ? CellStatus.Suppressed : CellStatus.Released,
            hiddenModes.Contains(i) ? null : modeCounts[i])).ToList();

        var releasedTotal = responses.Count == 0 || disclosure.MayRelease(responses.Count);
        return new SurveyScores(
            responses.Count == 0 ? CellStatus.NoResponses : releasedTotal ? CellStatus.Released : CellStatus.Suppressed,
            releasedTotal ? responses.Count : null,
            disclosure.MinimumCellSize,
            domains,
            byMode);
    }

    /// <summary>
    /// Change per domain and per factor from <paramref name="baseline"/> to <paramref name="current"/> (both scored on
    /// this instrument), from each wave's released overall figure (n, mean, SD of respondents' scores); withheld unless
    /// both figures are released, so a change never rests on fewer people than the minimum cell size. A factor's
    /// meaningful change is half its baseline SD.
    /// </summary>
    public static IReadOnlyList<DomainChange> Compare(SurveyInstrument instrument, SurveyScores baseline, SurveyScores current) =>
        instrument.Domains.Select((domain, d) =>
        {
            var (from, to) = (baseline.Domains[d], current.Domains[d]);
            var factors = domain.Factors.Select((factor, f) =>
            {
                var (a, b) = (from.Factors[f].Overall, to.Factors[f].Overall);
                return new FactorChange(factor.Id, ChangeStatus(a, b), ChangeOf(a, b, null));
            }).ToList();
            return new DomainChange(domain.Id, ChangeStatus(from.Overall, to.Overall), ChangeOf(from.Overall, to.Overall, domain.MeaningfulChange), factors);
        }).ToList();

    private static CellStatus ChangeStatus(ScoreCell from, ScoreCell to) =>
        from.Status == CellStatus.NoResponses || to.Status == CellStatus.NoResponses ? CellStatus.NoResponses
        : from.Status == CellStatus.Released && to.Status == CellStatus.Released ? CellStatus.Released
        : CellStatus.Suppressed;

    private static WaveChange? ChangeOf(ScoreCell from, ScoreCell to, double? meaningfulChange) =>
        ChangeStatus(from, to) == CellStatus.Released ? WaveChange.Compare(from, to, meaningfulChange) : null;

    /// <summary>
    /// Individual change per domain for the same people in two waves: row i of <paramref name="baseline"/> and of
    /// <paramref name="current"/> are one person. Pairs count where both domain scores are valid. Withheld below the
    /// minimum cell size, and unless each wave's people outside the pairs (its released n minus the pairs, from
    /// <paramref name="waveChanges"/>) are none or at least the minimum: otherwise the wave means and the mean change
    /// together would give away the few who are not paired.
    /// </summary>
    public static IReadOnlyList<DomainPanelChange> ComparePanel(SurveyInstrument instrument, ResponseMatrix baseline, ResponseMatrix current,
        IReadOnlyList<DomainChange> waveChanges, DisclosureControl disclosure)
    {
        var (before, after) = (ScoredResponses.Of(instrument, baseline), ScoredResponses.Of(instrument, current));
        return instrument.Domains.Select((domain, d) =>
        {
            var pairs = Enumerable.Range(0, baseline.Count)
                .Select(row => (From: before.Domain(row, d), To: after.Domain(row, d)))
                .Where(pair => !double.IsNaN(pair.From) && !double.IsNaN(pair.To))
                .ToList();
            var wave = waveChanges[d].Change;
            bool Hidden(int unpaired) => unpaired != 0 && !disclosure.MayRelease(unpaired);
            var releasable = disclosure.MayRelease(pairs.Count) && wave is not null
                && !Hidden(wave.NFrom - pairs.Count) && !Hidden(wave.NTo - pairs.Count);
            return pairs.Count == 0 ? new DomainPanelChange(domain.Id, CellStatus.NoResponses, null)
                : releasable ? new DomainPanelChange(domain.Id, CellStatus.Released, PairedChange.Compare(pairs))
                : new DomainPanelChange(domain.Id, CellStatus.Suppressed, null);
        }).ToList();
    }

    /// <summary>The rows of each key (circle, group or mode), in row order.</summary>
    private static int[][] RowsBy(ResponseMatrix responses, int keys, Func<int, int> keyOf)
    {
        var rows = Enumerable.Range(0, keys).Select(_ => new List<int>()).ToArray();
        for (var row = 0; row < responses.Count; row++)
        {
            rows[keyOf(row)].Add(row);
        }
        return rows.Select(list => list.ToArray()).ToArray();
    }

    /// <summary>One figure per key, with complementary suppression; reliability per released cell unless <paramref name="reliability"/> is null.</summary>
    private static List<BreakdownCell> Breakdown(SurveyInstrument instrument, ReliabilityRule? reliability, IReadOnlyList<Item> items,
        IReadOnlyList<string> keys, int[][] rowsOfKey, ScoredResponses scored, Func<int, double> score, DisclosureControl disclosure)
    {
        var cells = rowsOfKey.Select(rows => scored.Values(rows, score)).ToList();
        var hidden = disclosure.CellsToSuppress(cells.Select(c => c.Count).ToList());
        return keys.Select((key, i) =>
        {
            var cell = cells[i].Count == 0 ? ScoreCell.NoResponses
                : hidden.Contains(i) ? ScoreCell.Suppressed
                : Cell(instrument, cells[i], disclosure, withBandCounts: false);
            return new BreakdownCell(key, cell, reliability?.Of(items, rowsOfKey[i], cell, withItemStatistics: false));
        }).ToList();
    }

    /// <summary>Every pair of released stakeholder groups: the later-listed group's mean minus the earlier one's.</summary>
    private static List<GroupGap> PerspectiveGaps(IReadOnlyList<string> groups, IReadOnlyList<BreakdownCell> byGroup, IReadOnlyList<List<double>> scores)
    {
        var released = Enumerable.Range(0, groups.Count).Where(g => byGroup[g].Score.Status == CellStatus.Released).ToList();
        var gaps = new List<GroupGap>();
        for (var a = 0; a < released.Count; a++)
        {
            for (var b = a + 1; b < released.Count; b++)
            {
                var (first, second) = (released[a], released[b]);
                if (GroupGap.Compare(groups[second], scores[second], groups[first], scores[first]) is { } gap)
                {
                    gaps.Add(gap);
                }
            }
        }
        return gaps;
    }

    /// <summary>
    /// One released figure. Band counts go only with whole-population cells (a domain or factor overall): in a
    /// breakdown, the overall counts minus the released cells' counts would reveal a hidden or small band.
    /// </summary>
    private static ScoreCell Cell(SurveyInstrument instrument, IReadOnlyList<double> values, DisclosureControl disclosure, bool withBandCounts)
    {
        if (values.Count == 0)
        {
            return ScoreCell.NoResponses;
        }
        if (!disclosure.MayRelease(values.Count))
        {
            return ScoreCell.Suppressed;
        }
        var summary = Summary.Of(values);
        return new ScoreCell(CellStatus.Released, summary.N, summary.Mean, summary.StandardDeviation, summary.StandardError, summary.Ci95,
            Bands.ClassifyMean(instrument, values).Id, withBandCounts ? BandCounts(instrument, values, disclosure) : null);
    }

    /// <summary>
    /// How many fall in each band, or null when any band holds 1 to (minimum − 1) people: a band count is a
    /// figure about the people in that band, and the other bands and the total would reveal it anyway.
    /// </summary>
    private static List<BandCount>? BandCounts(SurveyInstrument instrument, IReadOnlyList<double> values, DisclosureControl disclosure)
    {
        // Scores take few distinct values (means of a few answers), so each is classified once.
        var bandIndex = new Dictionary<double, int>();
        var tally = new int[instrument.Bands.Count];
        foreach (var value in values)
        {
            if (!bandIndex.TryGetValue(value, out var band))
            {
                var classified = Bands.Classify(instrument, value);
                bandIndex[value] = band = instrument.Bands.Select((b, i) => (b, i)).First(p => p.b == classified).i;
            }
            tally[band]++;
        }
        var counts = instrument.Bands.Select((band, i) => new BandCount(band.Id, tally[i], (double)tally[i] / values.Count)).ToList();
        return counts.All(b => b.Count == 0 || disclosure.MayRelease(b.Count)) ? counts : null;
    }
}
