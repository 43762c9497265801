namespace Evaluation.Scoring.Disclosure;

/// <summary>One wave of a paired comparison, for one domain: what the wave released, and who is in which cell.</summary>
/// <param name="Released">The domain's figures as the wave's own decision released them.</param>
/// <param name="People">People with a score in the domain per circle × group cell (at <c>circle * groups + group</c>).</param>
/// <param name="Paired">Of those, the people in pairs (same cells).</param>
internal sealed record PanelWave(DomainResult Released, int Groups, int[] People, int[] Paired);

/// <summary>
/// Whether a domain's paired change may be released beside everything both waves release. It adds two figures to
/// them: how many of each wave's people are in pairs, and the mean of the pairs' differences. Beside the waves' own
/// figures these can give away the few people who are not paired, and not only when a whole wave has 1–4 of them: a
/// circle of 6 paired people and 1 who gave no code, in a wave whose other circles hold no pairs, gives that one
/// person's score (the circle's total less the pairs' total). So each cell of each wave's domain table is split into
/// its paired and unpaired people; a released region of a wave covers both halves of its cells, the pairs cover the
/// paired halves (counts per wave, and the difference as a sum once the baseline's scores are taken with their sign
/// turned), and the exact span test over all of them decides. Nothing else is hidden for it: the waves' decisions stand,
/// and the paired change is withheld when it does not pass.
/// </summary>
internal static class PanelDisclosure
{
    public static (CellStatus Status, SuppressionReason? Reason) Judge(PanelWave baseline, PanelWave current, int pairs, DisclosureControl disclosure)
    {
        if (pairs == 0)
        {
            return (CellStatus.NoResponses, null);
        }
        if (!disclosure.MayRelease(pairs))
        {
            return (CellStatus.Suppressed, SuppressionReason.FewerThanMinimum);
        }
        var sizes = new List<int>();
        var figures = new List<int[]>();
        foreach (var wave in new[] { baseline, current })
        {
            var first = sizes.Count;
            for (var k = 0; k < wave.People.Length; k++)
            {
                sizes.Add(wave.Paired[k]);
                sizes.Add(wave.People[k] - wave.Paired[k]);
            }
            int[] Halves(Func<int, bool> inside) =>
                Enumerable.Range(0, wave.People.Length).Where(inside).SelectMany(k => new[] { first + 2 * k, first + 2 * k + 1 }).ToArray();
            var released = wave.Released;
            if (released.Overall.Status != CellStatus.Suppressed)
            {
                figures.Add(Halves(_ => true));
            }
            figures.AddRange(released.ByCircle.Select((cell, c) => (cell, c)).Where(p => p.cell.Score.Status != CellStatus.Suppressed)
                .Select(p => Halves(k => k / wave.Groups == p.c)));
            figures.AddRange(released.ByStakeholderGroup.Select((cell, g) => (cell, g)).Where(p => p.cell.Score.Status != CellStatus.Suppressed)
                .Select(p => Halves(k => k % wave.Groups == p.g)));
            figures.Add(Enumerable.Range(0, wave.People.Length).Select(k => first + 2 * k).ToArray()); // the wave's pairs
        }
        return SpanTest.Run(figures, sizes, disclosure.MinimumCellSize).Safe
            ? (CellStatus.Released, null)
            : (CellStatus.Suppressed, SuppressionReason.ProtectsSmallGroup);
    }
}
