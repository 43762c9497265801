using static Evaluation.Scoring.Tests.TestInstruments;

namespace Evaluation.Scoring.Tests;

public class ScoringPlanTests
{
    private static readonly Evaluation.Instruments.SurveyInstrument Instrument = With(
        Domain("d1", Factor("f1", Item("a"), Item("b", reverse: true), Item("c", groups: ["drawing-on-care"])), Factor("f2", Item("e"), Item("g"))),
        Domain("d2", Factor("f3", Item("h")), Factor("f4", Item("i"), Item("j")), Factor("f5", Item("k", reverse: true), Item("l")),
            Factor("f6", Item("m"), Item("o"), Item("p"))),
        Domain("d3", Factor("f7", Item("q", groups: ["drawing-on-care"]))));

    [Theory]
    [InlineData("care-worker")]
    [InlineData("drawing-on-care")]
    public void Score_RandomResponses_GiveExactlyTheResponseScorersFactorAndDomainScores(string group)
    {
        var items = Instrument.Items.Select(i => i.Id).ToList();
        var plan = new ScoringPlan(Instrument, group, items);
        var random = new Random(group.Length);
        var scores = new double[plan.DomainCount];
        var factorScores = new double[plan.FactorCount];
        for (var run = 0; run < 5000; run++)
        {
            var row = items.Select(_ => (byte)(random.Next(0, 3) == 0 ? 0 : random.Next(1, 6))).ToArray();
            plan.Score(row, scores, factorScores);
            var expected = ResponseScorer.Score(Instrument, new ResponseAnswers("c", group, "self",
                items.Select((id, i) => (id, row[i])).ToDictionary(p => p.id, p => p.Item2 == 0 ? (int?)null : p.Item2)));
            for (var d = 0; d < scores.Length; d++)
            {
                if (expected[d].Value is { } value)
                {
                    Assert.Equal(value, scores[d], 12);
                }
                else
                {
                    Assert.True(double.IsNaN(scores[d]), $"run {run}, domain {d}: plan {scores[d]}, scorer insufficient");
                }
            }
            var expectedFactors = expected.SelectMany(domain => domain.Factors).ToList();
            for (var f = 0; f < factorScores.Length; f++)
            {
                if (expectedFactors[f].Value is { } value)
                {
                    Assert.Equal(value, factorScores[f], 12);
                }
                else
                {
                    Assert.True(double.IsNaN(factorScores[f]), $"run {run}, factor {f}: plan {factorScores[f]}, scorer insufficient or not shown");
                }
            }
        }
    }
}
