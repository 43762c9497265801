using System.Text.Json;
using Evaluation.Scoring.Disclosure;
using static Evaluation.Scoring.Tests.TestInstruments;

namespace Evaluation.Scoring.Tests;

/// <summary>
/// Property over 400 seeded random surveys (sizes 0–60, skewed circles and groups, missing answers): nothing the
/// engine releases rests on 1–4 respondents, no combination of released figures gives a group of fewer than the minimum
/// (an exact rational attacker over every quantity), and every result serialises without NaN or infinity.
/// </summary>
public class DisclosurePropertyTests
{
    private static readonly Evaluation.Instruments.SurveyInstrument Instrument = With(
        Domain("d1", Factor("f1", Item("a"), Item("b", reverse: true)), Factor("f2", Item("c"), Item("e"))),
        Domain("d2", Factor("f3", Item("g"), Item("h"), Item("i"))));

    private static readonly string[] Circles = ["north", "south", "east"];
    private static readonly string[] Groups = ["care-worker", "drawing-on-care"];
    private static readonly string[] Modes = ["self", "paper", "assisted"];

    [Fact]
    public void Score_RandomSurveys_ReleaseNothingResting_On1To4()
    {
        var random = new Random(20261122);
        for (var run = 0; run < 400; run++)
        {
            var minimum = random.Next(0, 3) == 0 ? random.Next(6, 10) : 5;
            var disclosure = new DisclosureControl(minimum);
            var responses = Enumerable.Range(0, random.Next(0, 61)).Select(_ => new ResponseAnswers(
                Circles[Skewed(random, Circles.Length)], Groups[Skewed(random, Groups.Length)], Modes[Skewed(random, Modes.Length)],
                new[] { "a", "b", "c", "e", "g", "h", "i" }.ToDictionary(item => item, _ => random.Next(0, 6) is var v && v == 0 ? (int?)null : v))).ToList();

            var scores = SurveyScorer.Score(Instrument, responses, Circles, Groups, Modes, disclosure);
            var derivable = Tests.Disclosure.ReleasedFigures.FirstDerivable(Tests.Disclosure.ReleasedFigures.Of(Instrument, scores, responses, Circles, Groups, Modes), minimum);
            Assert.True(derivable is null, $"run {run}: a small group can be worked out in {derivable}");

            Assert.True(scores.Responses is null || scores.Responses == 0 || scores.Responses >= minimum);
            foreach (var domain in scores.Domains)
            {
                AssertReleasable(domain.Overall, minimum);
                Assert.All(new[] { domain.Reliability }.Concat(domain.Factors.Select(f => f.Reliability))
                        .Concat(domain.ByCircle.Concat(domain.ByStakeholderGroup).Select(c => c.Reliability)).OfType<Evaluation.Scoring.Reliability.AlphaResult>(),
                    alpha => Assert.All(alpha.ItemStatistics, item => Assert.True(item.N >= minimum, $"item {item.Id} n = {item.N}")));
                Assert.All(domain.Factors, f => AssertReleasable(f.Overall, minimum));
                foreach (var factor in domain.Factors)
                {
                    Assert.All(factor.ByCircle, cell => AssertReleasable(cell.Score, minimum));
                    var hidden = (factor.Overall.N ?? 0) - factor.ByCircle.Sum(c => c.Score.N ?? 0);
                    Assert.True(factor.Overall.N is null || hidden == 0 || hidden >= minimum, $"run {run}: factor {factor.FactorId} hidden remainder {hidden}");
                }
                foreach (var breakdown in new[] { domain.ByCircle, domain.ByStakeholderGroup })
                {
                    Assert.All(breakdown, cell => AssertReleasable(cell.Score, minimum));
                    Assert.All(breakdown, cell => Assert.Null(cell.Score.BandCounts));
                    // What the total and the released cells leave over must be nobody or at least the minimum.
                    if (domain.Overall.N is { } total)
                    {
                        var hidden = total - breakdown.Sum(c => c.Score.N ?? 0);
                        Assert.True(hidden == 0 || hidden >= minimum, $"run {run}: hidden remainder {hidden}");
                    }
                    Assert.All(breakdown, cell => Assert.True(cell.Reliability is null || cell.Score.Status == CellStatus.Released));
                }
            }
            var counted = scores.ByCompletionMode.Where(m => m.Status == CellStatus.Released).Sum(m => m.Count!.Value);
            var hiddenModes = responses.Count - counted;
            Assert.True(hiddenModes == 0 || hiddenModes >= minimum || scores.Responses is null);
            Assert.DoesNotContain("NaN", JsonSerializer.Serialize(scores), StringComparison.Ordinal); // throws on NaN/∞
        }
    }

    private static void AssertReleasable(ScoreCell cell, int minimum)
    {
        if (cell.Status != CellStatus.Released)
        {
            Assert.Null(cell.Mean);
            Assert.Null(cell.StandardDeviation);
            Assert.Null(cell.Ci95);
            return;
        }
        Assert.True(cell.N >= minimum, $"released n = {cell.N}");
        Assert.All(cell.BandCounts ?? [], b => Assert.True(b.Count == 0 || b.Count >= minimum, $"band count {b.Count}"));
    }

    /// <summary>Mostly the first option, so small cells are common.</summary>
    private static int Skewed(Random random, int options) => random.NextDouble() < 0.7 ? 0 : random.Next(1, options);
}
