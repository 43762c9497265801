namespace Evaluation.Scoring.Disclosure;

/// <summary>One quantity of a wave (a domain's scores, a factor's, the count of responses) over its cells.</summary>
/// <param name="CellSizes">How many people each cell holds for this quantity.</param>
/// <param name="Figures">The figures published of it: which region each is of, and that region's cells here.</param>
public sealed record LinkedTable(IReadOnlyList<int> CellSizes, IReadOnlyList<RegionCells> Figures);

/// <param name="Region">Index into the wave's regions (the whole wave, a circle, a stakeholder group …).</param>
public sealed record RegionCells(int Region, int[] Cells);

/// <summary>
/// Chooses which regions to hide so that, in every table, no combination of released figures gives the sum over a
/// group of 1 to minimum − 1 people (<see cref="SpanTest"/>). A figure of fewer than the minimum is hidden first (primary suppression); then
/// regions are hidden in every table at once (secondary suppression), so one region is hidden or shown for every
/// quantity alike and counts read from two quantities cannot be set against each other.
/// </summary>
/// <remarks>
/// Greedy, then pruned, as tau-ARGUS's and sdcTable's heuristics are: while some table is unsafe, hide the cheapest
/// region among those that take part in what can be worked out (a basis of the combinations resting on small cells
/// alone), preferring one that removes the most of it (the most dimensions of that space); then
/// show again, most valuable first, every hidden region whose return keeps all tables safe. Cost is the region's
/// people (the whole wave last of all), ties go to the region listed first: the same data always gives the same
/// decision.
/// </remarks>
public static class LinkedSuppression
{
    /// <param name="regionCosts">Per region: what hiding it loses (its people); the largest is tried last.</param>
    /// <returns>The regions hidden by secondary suppression, in region order.</returns>
    public static IReadOnlyList<int> Decide(IReadOnlyList<LinkedTable> tables, IReadOnlyList<long> regionCosts, int minimum)
    {
        var distinct = Distinct(tables);
        var primary = distinct.Select(table => table.Figures.Select(f => Size(table, f) is > 0 and var n && n < minimum).ToArray()).ToList();
        var hidden = new SortedSet<int>();

        SpanTest.Result Test(int t, IReadOnlySet<int> without)
        {
            var released = distinct[t].Figures.Where((f, i) => !primary[t][i] && !without.Contains(f.Region)).ToList();
            var result = SpanTest.Run(released.Select(f => f.Cells).ToList(), distinct[t].CellSizes, minimum);
            return result with { Involved = result.Involved.Select(i => released[i].Region).Distinct().ToList() };
        }

        var results = distinct.Select((_, t) => Test(t, hidden)).ToArray();
        while (results.Any(r => !r.Safe))
        {
            var candidates = results.Where(r => !r.Safe).SelectMany(r => r.Involved).Distinct()
                .OrderBy(region => regionCosts[region]).ThenBy(region => region).ToList();
            // The cheapest region that removes anything; among equally cheap ones, the one that removes most.
            (int Region, int Drop)? chosen = null;
            foreach (var candidate in candidates)
            {
                if (chosen is { } best && regionCosts[candidate] > regionCosts[best.Region])
                {
                    break;
                }
                var trial = new SortedSet<int>(hidden) { candidate };
                var drop = results.Select((r, t) => !r.Safe && r.Involved.Contains(candidate) ? r.Dimension - Test(t, trial).Dimension : 0).Sum();
                if (drop > (chosen?.Drop ?? 0))
                {
                    chosen = (candidate, drop);
                }
            }
            hidden.Add(chosen?.Region ?? candidates[0]);
            results = distinct.Select((_, t) => Test(t, hidden)).ToArray();
        }

        // Show again what need not stay hidden, the most valuable region first.
        foreach (var region in hidden.OrderByDescending(r => regionCosts[r]).ThenBy(r => r).ToList())
        {
            var trial = new SortedSet<int>(hidden);
            trial.Remove(region);
            if (distinct.Select((_, t) => t).All(t => Test(t, trial).Safe))
            {
                hidden = trial;
            }
        }
        return hidden.ToList();
    }

    private static int Size(LinkedTable table, RegionCells figure) => figure.Cells.Sum(c => table.CellSizes[c]);

    /// <summary>Tables with the same cells and figures (a wave's domains and factors, when everyone answered them all) are tested once.</summary>
    private static List<LinkedTable> Distinct(IReadOnlyList<LinkedTable> tables)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return tables.Where(table => seen.Add(string.Join(",", table.CellSizes) + "|"
            + string.Join(";", table.Figures.Select(f => $"{f.Region}:{string.Join(",", f.Cells)}")))).ToList();
    }
}
