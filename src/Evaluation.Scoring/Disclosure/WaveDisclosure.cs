namespace Evaluation.Scoring.Disclosure;

public enum RegionKind
{
    Wave,
    Circle,
    StakeholderGroup,
    CompletionMode,
}

/// <summary>What a released figure is about: the whole wave, one circle, one stakeholder group or one completion mode.</summary>
public readonly record struct Region(RegionKind Kind, int Index)
{
    public static readonly Region Wave = new(RegionKind.Wave, 0);
}

/// <summary>Why a figure is withheld.</summary>
public enum SuppressionReason
{
    /// <summary>It rests on fewer people than the minimum cell size.</summary>
    FewerThanMinimum,

    /// <summary>With the other figures it would let a smaller group be worked out.</summary>
    ProtectsSmallGroup,
}

/// <summary>
/// Everything about one wave that the disclosure decision needs: how many people each cell (circle × stakeholder
/// group, and for counts of responses also × completion mode) holds for each published quantity.
/// </summary>
/// <param name="Responses">Responses per circle × group × mode, at <c>(circle * Groups + group) * Modes + mode</c>.</param>
/// <param name="Domains">Per domain, the valid scores per circle × group, at <c>circle * Groups + group</c>.</param>
/// <param name="Factors">Per factor, likewise.</param>
/// <param name="InvitationsUsed">Personal invitations answered per circle × group (response rates), when there are any.</param>
public sealed record WaveCells(int Circles, int Groups, int Modes, int[] Responses, IReadOnlyList<int[]> Domains, IReadOnlyList<int[]> Factors,
    int[]? InvitationsUsed = null);

/// <summary>
/// The one disclosure decision of a wave, taken over every figure any role can see of it: the number of responses
/// overall, per circle, per group and per completion mode (who took part, response rates); each domain overall, per
/// circle and per group (scores, dashboards, reports, releases); each factor overall and per circle. Differences of
/// these (change between waves, perspective gaps) are made only from released figures, so they add nothing.
/// </summary>
/// <remarks>
/// What it guarantees, per quantity: no combination of released figures is the sum over a group of 1 to minimum − 1
/// people (<see cref="SpanTest"/>), so no such group can be worked out, neither how many they are nor,
/// from n × mean and the spread, what they answered. A region hidden to protect others is hidden for every quantity.
/// Counts of two quantities (a domain's n beside the number of responses) differ only by the people who did not
/// answer enough of it: how many they are can be read, never what they answered.
/// </remarks>
public sealed class WaveDisclosure
{
    private readonly HashSet<Region> _hidden;

    private WaveDisclosure(DisclosureControl control, HashSet<Region> hidden) => (Control, _hidden) = (control, hidden);

    public DisclosureControl Control { get; }

    /// <summary>The regions hidden to protect others (secondary suppression), for every quantity.</summary>
    public IReadOnlyCollection<Region> Hidden => _hidden;

    /// <summary>Whether a figure of <paramref name="n"/> people about <paramref name="region"/> is released, and if not why.</summary>
    public (CellStatus Status, SuppressionReason? Reason) Judge(Region region, int n) =>
        n == 0 ? (CellStatus.NoResponses, null)
        : !Control.MayRelease(n) ? (CellStatus.Suppressed, SuppressionReason.FewerThanMinimum)
        : _hidden.Contains(region) ? (CellStatus.Suppressed, SuppressionReason.ProtectsSmallGroup)
        : (CellStatus.Released, null);

    public static WaveDisclosure Decide(WaveCells wave, DisclosureControl control)
    {
        var regions = new List<Region> { Region.Wave };
        regions.AddRange(Enumerable.Range(0, wave.Circles).Select(c => new Region(RegionKind.Circle, c)));
        regions.AddRange(Enumerable.Range(0, wave.Groups).Select(g => new Region(RegionKind.StakeholderGroup, g)));
        regions.AddRange(Enumerable.Range(0, wave.Modes).Select(m => new Region(RegionKind.CompletionMode, m)));
        var index = regions.Select((region, i) => (region, i)).ToDictionary(p => p.region, p => p.i);

        // Cells of circle × group (× mode): which belong to each region.
        int[] Cells(Region region, bool byMode)
        {
            var cells = new List<int>();
            for (var c = 0; c < wave.Circles; c++)
            {
                for (var g = 0; g < wave.Groups; g++)
                {
                    for (var m = 0; m < (byMode ? wave.Modes : 1); m++)
                    {
                        var inside = region.Kind switch
                        {
                            RegionKind.Wave => true,
                            RegionKind.Circle => c == region.Index,
                            RegionKind.StakeholderGroup => g == region.Index,
                            _ => byMode && m == region.Index,
                        };
                        if (inside)
                        {
                            cells.Add(byMode ? (c * wave.Groups + g) * wave.Modes + m : c * wave.Groups + g);
                        }
                    }
                }
            }
            return cells.ToArray();
        }
        RegionCells[] Figures(bool byMode, params RegionKind[] kinds) =>
            regions.Where(r => kinds.Contains(r.Kind)).Select(r => new RegionCells(index[r], Cells(r, byMode))).ToArray();

        var tables = new List<LinkedTable>
        {
            new(wave.Responses, Figures(true, RegionKind.Wave, RegionKind.Circle, RegionKind.StakeholderGroup, RegionKind.CompletionMode)),
        };
        var domainFigures = Figures(false, RegionKind.Wave, RegionKind.Circle, RegionKind.StakeholderGroup);
        tables.AddRange(wave.Domains.Select(sizes => new LinkedTable(sizes, domainFigures)));
        var factorFigures = Figures(false, RegionKind.Wave, RegionKind.Circle);
        tables.AddRange(wave.Factors.Select(sizes => new LinkedTable(sizes, factorFigures)));
        if (wave.InvitationsUsed is { } used)
        {
            tables.Add(new LinkedTable(used, Figures(false, RegionKind.Circle, RegionKind.StakeholderGroup)));
        }

        // What hiding a region loses: its responses. A count by completion mode (how answers came in, in the report's
        // methods) goes before any circle's or group's figures, and the whole wave only when nothing else will do.
        var responsesOf = regions.Select(r => (long)Cells(r, true).Sum(c => wave.Responses[c])).ToList();
        var costs = regions.Select((r, i) => r.Kind switch
        {
            RegionKind.Wave => long.MaxValue,
            RegionKind.CompletionMode => responsesOf[i],
            _ => (1L << 40) + responsesOf[i],
        }).ToList();
        var hidden = LinkedSuppression.Decide(tables, costs, control.MinimumCellSize);
        return new WaveDisclosure(control, hidden.Select(i => regions[i]).ToHashSet());
    }
}
