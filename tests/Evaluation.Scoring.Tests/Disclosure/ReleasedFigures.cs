using Evaluation.Instruments;

namespace Evaluation.Scoring.Tests.Disclosure;

/// <summary>
/// What a reader of a wave's scores holds, per quantity: which cells (circle × group, × mode for the count of
/// responses) each released figure sums over, beside how many people each cell truly holds (from the test's own
/// scorer, <see cref="ResponseScorer"/>), for <see cref="ExactAttacker"/>.
/// </summary>
internal static class ReleasedFigures
{
    public sealed record Quantity(string Name, int[] CellSizes, List<int[]> Released);

    public static IEnumerable<Quantity> Of(SurveyInstrument instrument, SurveyScores scores, IReadOnlyList<ResponseAnswers> responses,
        IReadOnlyList<string> circles, IReadOnlyList<string> groups, IReadOnlyList<string> modes)
    {
        int CellOf(ResponseAnswers r) => circles.ToList().IndexOf(r.CircleId) * groups.Count + groups.ToList().IndexOf(r.StakeholderGroup);
        int[] Where(Func<int, int, bool> inside, int perCell = 1) =>
            Enumerable.Range(0, circles.Count * groups.Count * perCell).Where(i => inside(i / perCell / groups.Count, i / perCell % groups.Count)).ToArray();

        var responseSizes = new int[circles.Count * groups.Count * modes.Count];
        foreach (var r in responses)
        {
            responseSizes[CellOf(r) * modes.Count + modes.ToList().IndexOf(r.CompletionMode)]++;
        }
        var counted = new List<int[]>();
        if (scores.ResponsesStatus == CellStatus.Released)
        {
            counted.Add(Enumerable.Range(0, responseSizes.Length).ToArray());
        }
        counted.AddRange(scores.ByCompletionMode.Select((m, i) => (m, i)).Where(p => p.m.Status == CellStatus.Released)
            .Select(p => Enumerable.Range(0, responseSizes.Length).Where(cell => cell % modes.Count == p.i).ToArray()));
        if (scores.Participation is { } participation)
        {
            counted.AddRange(participation.ResponsesByCircle.Select((c, i) => (c, i)).Where(p => p.c.Status == CellStatus.Released)
                .Select(p => Where((c, _) => c == p.i, modes.Count)));
            counted.AddRange(participation.ResponsesByStakeholderGroup.Select((c, i) => (c, i)).Where(p => p.c.Status == CellStatus.Released)
                .Select(p => Where((_, g) => g == p.i, modes.Count)));
        }
        yield return new Quantity("responses", responseSizes, counted);

        var scored = responses.Select(r => (Cell: CellOf(r), Scores: ResponseScorer.Score(instrument, r))).ToList();
        for (var d = 0; d < scores.Domains.Count; d++)
        {
            var domain = scores.Domains[d];
            var sizes = new int[circles.Count * groups.Count];
            foreach (var (cell, s) in scored.Where(s => s.Scores[d].Value is not null))
            {
                sizes[cell]++;
            }
            var released = new List<int[]>();
            if (domain.Overall.Status == CellStatus.Released)
            {
                released.Add(Where((_, _) => true));
            }
            released.AddRange(domain.ByCircle.Select((c, i) => (c, i)).Where(p => p.c.Score.Status == CellStatus.Released).Select(p => Where((c, _) => c == p.i)));
            released.AddRange(domain.ByStakeholderGroup.Select((c, i) => (c, i)).Where(p => p.c.Score.Status == CellStatus.Released)
                .Select(p => Where((_, g) => g == p.i)));
            yield return new Quantity(domain.DomainId, sizes, released);

            for (var f = 0; f < domain.Factors.Count; f++)
            {
                var factor = domain.Factors[f];
                var factorSizes = new int[circles.Count * groups.Count];
                foreach (var (cell, s) in scored.Where(s => s.Scores[d].Factors[f].Value is not null))
                {
                    factorSizes[cell]++;
                }
                var factorReleased = new List<int[]>();
                if (factor.Overall.Status == CellStatus.Released)
                {
                    factorReleased.Add(Where((_, _) => true));
                }
                factorReleased.AddRange(factor.ByCircle.Select((c, i) => (c, i)).Where(p => p.c.Score.Status == CellStatus.Released)
                    .Select(p => Where((c, _) => c == p.i)));
                yield return new Quantity(factor.FactorId, factorSizes, factorReleased);
            }
        }
    }

    /// <summary>The first quantity in which a small group can be worked out, and that group's cells; null when none.</summary>
    public static string? FirstDerivable(IEnumerable<Quantity> quantities, int minimum) =>
        quantities.Select(q => (q.Name, Group: ExactAttacker.FindSmallGroup(q.Released, q.CellSizes, minimum)))
            .Where(p => p.Group is not null).Select(p => $"{p.Name}: cells [{string.Join(", ", p.Group!)}]").FirstOrDefault();
}
