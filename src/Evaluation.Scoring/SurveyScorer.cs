using Evaluation.Instruments;
using Evaluation.Scoring.Change;
using Evaluation.Scoring.Disclosure;
using Evaluation.Scoring.Reliability;

namespace Evaluation.Scoring;

/// <summary>
/// Aggregates scored responses per domain (overall, per circle, per stakeholder group) and per factor, and counts who
/// took part, then releases each figure only as the wave's one disclosure decision (<see cref="WaveDisclosure"/>) allows.
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
    /// <param name="invitationsUsed">Personal invitations answered per circle × group (at <c>circle * groups + group</c>), for response rates.</param>
    public static SurveyScores Score(SurveyInstrument instrument, ResponseMatrix responses, DisclosureControl disclosure, bool listwiseReliability = false,
        int[]? invitationsUsed = null)
    {
        var scored = ScoredResponses.Of(instrument, responses);
        var decision = WaveDisclosure.Decide(CellsOf(instrument, responses, scored, invitationsUsed), disclosure);
        var reliability = new ReliabilityRule(instrument, responses, disclosure, listwiseReliability);
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
                var cell = Cell(instrument, scored.Values(allRows, FactorScore), decision, Region.Wave, withBandCounts: true);
                return new FactorResult(factor.Id, cell, reliability.Of(factor.Items, allRows, cell),
                    Breakdown(instrument, null, factor.Items, responses.Circles, RegionKind.Circle, rowsByCircle, scored, FactorScore, decision));
            }).ToList();
            double DomainScore(int row) => scored.Domain(row, d);
            var overall = Cell(instrument, scored.Values(allRows, DomainScore), decision, Region.Wave, withBandCounts: true);
            var byGroup = Breakdown(instrument, reliability, domainItems, responses.StakeholderGroups, RegionKind.StakeholderGroup, rowsByGroup, scored,
                DomainScore, decision);
            return new DomainResult(
                domain.Id,
                overall,
                reliability.Of(domainItems, allRows, overall),
                Breakdown(instrument, reliability, domainItems, responses.Circles, RegionKind.Circle, rowsByCircle, scored, DomainScore, decision),
                byGroup,
                PerspectiveGaps(responses.StakeholderGroups, byGroup, rowsByGroup.Select(rows => scored.Values(rows, DomainScore)).ToList()),
                factors);
        }).ToList();

        var byMode = Counts(responses.CompletionModes, RegionKind.CompletionMode,
            RowsBy(responses, responses.CompletionModes.Count, responses.ModeOf).Select(rows => rows.Length).ToList(), decision);
        var (total, totalReason) = decision.Judge(Region.Wave, responses.Count);
        var groups = responses.StakeholderGroups.Count;
        var participation = new Participation(
            Counts(responses.Circles, RegionKind.Circle, rowsByCircle.Select(rows => rows.Length).ToList(), decision),
            Counts(responses.StakeholderGroups, RegionKind.StakeholderGroup, rowsByGroup.Select(rows => rows.Length).ToList(), decision),
            invitationsUsed is null ? [] : Counts(responses.Circles, RegionKind.Circle,
                responses.Circles.Select((_, c) => Enumerable.Range(0, groups).Sum(g => invitationsUsed[c * groups + g])).ToList(), decision),
            invitationsUsed is null ? [] : Counts(responses.StakeholderGroups, RegionKind.StakeholderGroup,
                responses.StakeholderGroups.Select((_, g) => Enumerable.Range(0, responses.Circles.Count).Sum(c => invitationsUsed[c * groups + g])).ToList(),
                decision));
        return new SurveyScores(
            total,
            total == CellStatus.Released ? responses.Count : total == CellStatus.NoResponses ? 0 : null,
            disclosure.MinimumCellSize,
            domains,
            byMode,
            participation,
            totalReason);
    }

    /// <summary>How many people each circle × group (× mode, for responses) holds for every quantity the wave publishes.</summary>
    private static WaveCells CellsOf(SurveyInstrument instrument, ResponseMatrix responses, ScoredResponses scored, int[]? invitationsUsed)
    {
        var (circles, groups, modes) = (responses.Circles.Count, responses.StakeholderGroups.Count, responses.CompletionModes.Count);
        var domainCount = instrument.Domains.Count;
        var factorCount = instrument.Domains.Sum(d => d.Factors.Count);
        var counts = new int[circles * groups * modes];
        var domains = Enumerable.Range(0, domainCount).Select(_ => new int[circles * groups]).ToArray();
        var factors = Enumerable.Range(0, factorCount).Select(_ => new int[circles * groups]).ToArray();
        for (var row = 0; row < responses.Count; row++)
        {
            var cell = responses.CircleOf(row) * groups + responses.GroupOf(row);
            counts[cell * modes + responses.ModeOf(row)]++;
            for (var d = 0; d < domainCount; d++)
            {
                if (!double.IsNaN(scored.Domain(row, d)))
                {
                    domains[d][cell]++;
                }
            }
            for (var f = 0; f < factorCount; f++)
            {
                if (!double.IsNaN(scored.Factor(row, f)))
                {
                    factors[f][cell]++;
                }
            }
        }
        if (invitationsUsed is not null && invitationsUsed.Length != circles * groups)
        {
            throw new ArgumentException($"Expected {circles * groups} counts, one per circle and group.", nameof(invitationsUsed));
        }
        return new WaveCells(circles, groups, modes, counts, domains, factors, invitationsUsed);
    }

    private static List<CountCell> Counts(IReadOnlyList<string> keys, RegionKind kind, IReadOnlyList<int> counts, WaveDisclosure decision) =>
        keys.Select((key, i) =>
        {
            var (status, reason) = decision.Judge(new Region(kind, i), counts[i]);
            return new CountCell(key, status, status == CellStatus.Released || status == CellStatus.NoResponses ? counts[i] : null, reason);
        }).ToList();

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
    /// Individual change per domain for the same people in two waves: row i of <paramref name="pairedBefore"/> and of
    /// <paramref name="pairedAfter"/> are one person, in the cells of <paramref name="baseline"/>'s and
    /// <paramref name="current"/>'s own matrices (everyone who answered each wave, scored as <c>Scores</c>). Pairs count
    /// where both domain scores are valid. Withheld below the minimum cell size, and whenever, beside every figure the
    /// two waves release, it would let a small group be worked out (<see cref="PanelDisclosure"/>).
    /// </summary>
    public static IReadOnlyList<DomainPanelChange> ComparePanel(SurveyInstrument instrument, (ResponseMatrix Everyone, SurveyScores Scores) baseline,
        (ResponseMatrix Everyone, SurveyScores Scores) current, ResponseMatrix pairedBefore, ResponseMatrix pairedAfter, DisclosureControl disclosure)
    {
        var (before, after) = (ScoredResponses.Of(instrument, pairedBefore), ScoredResponses.Of(instrument, pairedAfter));
        var (everyoneBefore, everyoneAfter) = (ScoredResponses.Of(instrument, baseline.Everyone), ScoredResponses.Of(instrument, current.Everyone));
        return instrument.Domains.Select((domain, d) =>
        {
            var rows = Enumerable.Range(0, pairedBefore.Count)
                .Where(row => !double.IsNaN(before.Domain(row, d)) && !double.IsNaN(after.Domain(row, d)))
                .ToList();
            PanelWave Wave(ResponseMatrix everyone, ScoredResponses scored, SurveyScores scores, ResponseMatrix paired)
            {
                var groups = everyone.StakeholderGroups.Count;
                var (people, inPairs) = (new int[everyone.Circles.Count * groups], new int[everyone.Circles.Count * groups]);
                for (var row = 0; row < everyone.Count; row++)
                {
                    if (!double.IsNaN(scored.Domain(row, d)))
                    {
                        people[everyone.CircleOf(row) * groups + everyone.GroupOf(row)]++;
                    }
                }
                foreach (var row in rows)
                {
                    inPairs[paired.CircleOf(row) * groups + paired.GroupOf(row)]++;
                }
                return new PanelWave(scores.Domains[d], groups, people, inPairs);
            }
            var (status, reason) = PanelDisclosure.Judge(Wave(baseline.Everyone, everyoneBefore, baseline.Scores, pairedBefore),
                Wave(current.Everyone, everyoneAfter, current.Scores, pairedAfter), rows.Count, disclosure);
            var change = status == CellStatus.Released
                ? PairedChange.Compare(rows.Select(row => (before.Domain(row, d), after.Domain(row, d))).ToList(), domain.MeaningfulChange)
                : null;
            return new DomainPanelChange(domain.Id, status, change, reason);
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

    /// <summary>One figure per key, as the wave's decision allows; reliability per released cell unless <paramref name="reliability"/> is null.</summary>
    private static List<BreakdownCell> Breakdown(SurveyInstrument instrument, ReliabilityRule? reliability, IReadOnlyList<Item> items,
        IReadOnlyList<string> keys, RegionKind kind, int[][] rowsOfKey, ScoredResponses scored, Func<int, double> score, WaveDisclosure decision) =>
        keys.Select((key, i) =>
        {
            var cell = Cell(instrument, scored.Values(rowsOfKey[i], score), decision, new Region(kind, i), withBandCounts: false);
            return new BreakdownCell(key, cell, reliability?.Of(items, rowsOfKey[i], cell, withItemStatistics: false));
        }).ToList();

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
    private static ScoreCell Cell(SurveyInstrument instrument, IReadOnlyList<double> values, WaveDisclosure decision, Region region, bool withBandCounts)
    {
        switch (decision.Judge(region, values.Count))
        {
            case (CellStatus.NoResponses, _):
                return ScoreCell.NoResponses;
            case (CellStatus.Suppressed, var reason):
                return ScoreCell.Suppressed(reason!.Value);
        }
        var summary = Summary.Of(values);
        return new ScoreCell(CellStatus.Released, summary.N, summary.Mean, summary.StandardDeviation, summary.StandardError, summary.Ci95,
            Bands.ClassifyMean(instrument, values).Id, withBandCounts ? BandCounts(instrument, values, decision.Control) : null);
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
