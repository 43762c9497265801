using Evaluation.Instruments;

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
            var factors = domain.Factors.Select((factor, f) => new FactorResult(
                factor.Id,
                Cell(instrument, scored.Select(s => s.Domains[index].Factors[f].Value).OfType<double>().ToList(), disclosure, withBandCounts: true)));
            return new DomainResult(
                domain.Id,
                Cell(instrument, values.Select(v => v.Value).ToList(), disclosure, withBandCounts: true),
                Breakdown(instrument, circleIds, values.Select(v => (v.Response.CircleId, v.Value)), disclosure),
                Breakdown(instrument, stakeholderGroups, values.Select(v => (v.Response.StakeholderGroup, v.Value)), disclosure),
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

    private static List<BreakdownCell> Breakdown(SurveyInstrument instrument, IReadOnlyList<string> keys,
        IEnumerable<(string Key, double Value)> values, DisclosureControl disclosure)
    {
        var byKey = values.ToLookup(v => v.Key, v => v.Value);
        var cells = keys.Select(key => byKey[key].ToList()).ToList();
        var hidden = disclosure.CellsToSuppress(cells.Select(c => c.Count).ToList());
        return keys.Select((key, i) => new BreakdownCell(key,
            cells[i].Count == 0 ? ScoreCell.NoResponses
            : hidden.Contains(i) ? ScoreCell.Suppressed
            : Cell(instrument, cells[i], disclosure, withBandCounts: false))).ToList();
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
