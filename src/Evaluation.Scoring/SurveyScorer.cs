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
    public static SurveyScores Score(
        SurveyInstrument instrument,
        IReadOnlyList<ResponseAnswers> responses,
        IReadOnlyList<string> circleIds,
        IReadOnlyList<string> stakeholderGroups,
        IReadOnlyList<string> completionModes,
        DisclosureControl disclosure)
    {
        var scored = responses.Select(r => (Response: r, Domains: ResponseScorer.Score(instrument, r))).ToList();
        var domains = instrument.Domains.Select((domain, index) =>
        {
            var values = scored
                .Where(s => s.Domains[index].Value is not null)
                .Select(s => (s.Response, Value: s.Domains[index].Value!.Value))
                .ToList();
            var domainItems = domain.Factors.SelectMany(f => f.Items).ToList();
            var factors = domain.Factors.Select((factor, f) =>
            {
                var cell = Cell(instrument, scored.Select(s => s.Domains[index].Factors[f].Value).OfType<double>().ToList(), disclosure, withBandCounts: true);
                return new FactorResult(factor.Id, cell, Reliability(instrument, factor.Items, responses, cell, disclosure));
            });
            var overall = Cell(instrument, values.Select(v => v.Value).ToList(), disclosure, withBandCounts: true);
            var byGroup = Breakdown(instrument, domainItems, stakeholderGroups, values, responses, r => r.StakeholderGroup, disclosure);
            return new DomainResult(
                domain.Id,
                overall,
                Reliability(instrument, domainItems, responses, overall, disclosure),
                Breakdown(instrument, domainItems, circleIds, values, responses, r => r.CircleId, disclosure),
                byGroup,
                PerspectiveGaps(byGroup, values),
                factors.ToList());
        }).ToList();

        var modeCounts = completionModes.Select(mode => responses.Count(r => r.CompletionMode == mode)).ToList();
        var hiddenModes = disclosure.CellsToSuppress(modeCounts);
        var byMode = completionModes.Select((mode, i) => new CountCell(
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
    /// Change per domain from <paramref name="baseline"/> to <paramref name="current"/> (both on this instrument),
    /// on respondents' domain scores; withheld unless both waves' domain figures rest on the minimum cell size.
    /// </summary>
    public static IReadOnlyList<DomainChange> Compare(SurveyInstrument instrument, IReadOnlyList<ResponseAnswers> baseline,
        IReadOnlyList<ResponseAnswers> current, DisclosureControl disclosure)
    {
        List<double> DomainScores(IReadOnlyList<ResponseAnswers> responses, int index) =>
            responses.Select(r => ResponseScorer.Score(instrument, r)[index].Value).OfType<double>().ToList();
        return instrument.Domains.Select((domain, index) =>
        {
            var from = DomainScores(baseline, index);
            var to = DomainScores(current, index);
            if (from.Count == 0 || to.Count == 0)
            {
                return new DomainChange(domain.Id, CellStatus.NoResponses, null);
            }
            return disclosure.MayRelease(from.Count) && disclosure.MayRelease(to.Count)
                ? new DomainChange(domain.Id, CellStatus.Released, WaveChange.Compare(from, to, domain.MeaningfulChange))
                : new DomainChange(domain.Id, CellStatus.Suppressed, null);
        }).ToList();
    }

    private static List<BreakdownCell> Breakdown(SurveyInstrument instrument, IReadOnlyList<Item> items, IReadOnlyList<string> keys,
        IReadOnlyList<(ResponseAnswers Response, double Value)> values, IReadOnlyList<ResponseAnswers> responses,
        Func<ResponseAnswers, string> keyOf, DisclosureControl disclosure)
    {
        var byKey = values.ToLookup(v => keyOf(v.Response), v => v.Value);
        var cells = keys.Select(key => byKey[key].ToList()).ToList();
        var hidden = disclosure.CellsToSuppress(cells.Select(c => c.Count).ToList());
        return keys.Select((key, i) =>
        {
            var cell = cells[i].Count == 0 ? ScoreCell.NoResponses
                : hidden.Contains(i) ? ScoreCell.Suppressed
                : Cell(instrument, cells[i], disclosure, withBandCounts: false);
            return new BreakdownCell(key, cell, Reliability(instrument, items, responses.Where(r => keyOf(r) == key).ToList(), cell, disclosure, withItemStatistics: false));
        }).ToList();
    }

    /// <summary>
    /// psych-style reliability of the items over every respondent of the cell (psych's N), given only with a
    /// released cell: its respondents are the ones the released figure already rests on.
    /// </summary>
    private static AlphaResult? Reliability(SurveyInstrument instrument, IReadOnlyList<Item> items, IReadOnlyList<ResponseAnswers> responses,
        ScoreCell cell, DisclosureControl disclosure, bool withItemStatistics = true)
    {
        if (cell.Status != CellStatus.Released)
        {
            return null;
        }
        // Only items someone in the cell was shown: an item no respondent could answer is not a constant item.
        var shown = items.Where(item => responses.Any(r => item.IsShownTo(r.StakeholderGroup))).ToList();
        var alpha = Alpha.Compute(shown.Select(i => i.Id).ToList(), responses.Select(r => shown.Select(item =>
            r.Answers.TryGetValue(item.Id, out var answer) && answer is { } value
                ? (double?)(item.Reverse ? instrument.Scale.Reverse(value) : value)
                : null).ToArray()).ToList());
        // Item statistics only for whole-population cells (a breakdown's would be recomputable from the total's),
        // and only for items answered by at least the minimum.
        return withItemStatistics ? alpha.WithoutItemsAnsweredByFewerThan(disclosure.MinimumCellSize) : alpha.WithoutItemStatistics();
    }

    /// <summary>Every pair of released stakeholder groups: the later-listed group's mean minus the earlier one's.</summary>
    private static List<GroupGap> PerspectiveGaps(IReadOnlyList<BreakdownCell> byGroup, IReadOnlyList<(ResponseAnswers Response, double Value)> values)
    {
        var released = byGroup.Where(g => g.Score.Status == CellStatus.Released).Select(g => g.Key).ToList();
        var scores = values.ToLookup(v => v.Response.StakeholderGroup, v => v.Value);
        var gaps = new List<GroupGap>();
        for (var a = 0; a < released.Count; a++)
        {
            for (var b = a + 1; b < released.Count; b++)
            {
                if (GroupGap.Compare(released[b], scores[released[b]].ToList(), released[a], scores[released[a]].ToList()) is { } gap)
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
        return new ScoreCell(CellStatus.Released, summary.N, summary.Mean, summary.StandardDeviation, summary.Ci95,
            Bands.ClassifyMean(instrument, values).Id, withBandCounts ? BandCounts(instrument, values, disclosure) : null);
    }

    /// <summary>
    /// How many fall in each band, or null when any band holds 1 to (minimum − 1) people: a band count is a
    /// figure about the people in that band, and the other bands and the total would reveal it anyway.
    /// </summary>
    private static List<BandCount>? BandCounts(SurveyInstrument instrument, IReadOnlyList<double> values, DisclosureControl disclosure)
    {
        var bandOfEach = values.Select(v => Bands.Classify(instrument, v).Id).ToList();
        var counts = instrument.Bands.Select(band =>
        {
            var count = bandOfEach.Count(id => id == band.Id);
            return new BandCount(band.Id, count, (double)count / values.Count);
        }).ToList();
        return counts.All(b => b.Count == 0 || disclosure.MayRelease(b.Count)) ? counts : null;
    }
}
