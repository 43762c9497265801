using Evaluation.Scoring.Change;
using Evaluation.Scoring.Disclosure;
using static Evaluation.Scoring.Tests.TestInstruments;

namespace Evaluation.Scoring.Tests;

public class SurveyScorerTests
{
    private static readonly Evaluation.Instruments.SurveyInstrument Instrument =
        With(Domain("d", Factor("f", Item("a"), Item("b"))));

    private static ResponseAnswers Response(string circle, string group, int a, int b, string mode = "self") =>
        new(circle, group, mode, new Dictionary<string, int?> { ["a"] = a, ["b"] = b });

    private static SurveyScores Score(IReadOnlyList<ResponseAnswers> responses) =>
        SurveyScorer.Score(Instrument, responses, ["north", "south"], ["care-worker", "drawing-on-care"], ["self", "paper"], new DisclosureControl());

    [Fact]
    public void Score_NoResponses_IsExplicitNotZero()
    {
        var scores = Score([]);
        Assert.Equal(CellStatus.NoResponses, scores.ResponsesStatus);
        Assert.Equal(ScoreCell.NoResponses, scores.Domains[0].Overall);
        Assert.All(scores.Domains[0].ByCircle, c => Assert.Equal(CellStatus.NoResponses, c.Score.Status));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Score_FewerThanFive_IsSuppressedWithNoNumbers(int n)
    {
        var scores = Score(Enumerable.Range(0, n).Select(_ => Response("north", "care-worker", 4, 4)).ToList());
        Assert.Equal(CellStatus.Suppressed, scores.ResponsesStatus);
        Assert.Null(scores.Responses);
        Assert.Equal(ScoreCell.Suppressed(SuppressionReason.FewerThanMinimum), scores.Domains[0].Overall);
        Assert.Equal(ScoreCell.Suppressed(SuppressionReason.FewerThanMinimum), scores.Domains[0].ByCircle[0].Score);
    }

    [Fact]
    public void Score_FiveResponses_AreReleasedButASmallBandCountIsWithheld()
    {
        var responses = new[] { (1, 2), (2, 3), (3, 3), (4, 4), (5, 5) }.Select(x => Response("north", "care-worker", x.Item1, x.Item2)).ToList();
        var overall = Score(responses).Domains[0].Overall;
        Assert.Equal(CellStatus.Released, overall.Status);
        Assert.Equal(5, overall.N);
        Assert.Equal(3.2, overall.Mean!.Value, 12); // domain scores 1.5, 2.5, 3, 4, 5
        Assert.Equal("medium", overall.BandId);
        Assert.Null(overall.BandCounts); // 1 low, 2 medium, 2 high: each rests on fewer than 5
    }

    [Fact]
    public void Score_BandCounts_AreReleasedWhenEveryBandIsEmptyOrHoldsFive()
    {
        var responses = Enumerable.Range(0, 5).Select(_ => Response("north", "care-worker", 2, 2))
            .Concat(Enumerable.Range(0, 7).Select(_ => Response("north", "care-worker", 4, 5))).ToList();
        var overall = Score(responses).Domains[0].Overall;
        Assert.Equal([("low", 5), ("medium", 0), ("high", 7)], overall.BandCounts!.Select(b => (b.BandId, b.Count)));
        Assert.Equal(5.0 / 12, overall.BandCounts![0].Share, 12);
    }

    [Fact]
    public void Score_BreakdownCells_CarryNoBandCounts()
    {
        // Review example: North 5 low + 6 high released per band, South 2 low + 6 high hidden per band, overall
        // 7 low + 12 high released: South's 2 would be 7 − 5. So breakdowns never carry band counts.
        var responses = Enumerable.Range(0, 5).Select(_ => Response("north", "care-worker", 2, 2))
            .Concat(Enumerable.Range(0, 6).Select(_ => Response("north", "care-worker", 4, 4)))
            .Concat(Enumerable.Range(0, 2).Select(_ => Response("south", "care-worker", 2, 2)))
            .Concat(Enumerable.Range(0, 6).Select(_ => Response("south", "care-worker", 4, 4))).ToList();
        var domain = Score(responses).Domains[0];
        Assert.Equal([7, 0, 12], domain.Overall.BandCounts!.Select(b => b.Count));
        Assert.All(domain.ByCircle.Concat(domain.ByStakeholderGroup).Where(c => c.Score.Status == CellStatus.Released),
            cell => Assert.Null(cell.Score.BandCounts));
        Assert.Equal(CellStatus.Released, domain.ByCircle[0].Score.Status);
    }

    [Fact]
    public void Score_Reliability_UsesOnlyItemsTheCellWasShownAndNoItemStatisticsInBreakdowns()
    {
        var instrument = With(Domain("d", Factor("f", Item("a"), Item("b"), Item("only-for-people", groups: ["drawing-on-care"]))));
        var random = new Random(3);
        var responses = Enumerable.Range(0, 12).Select(i => new ResponseAnswers(i < 6 ? "north" : "south", "care-worker", "self",
            new Dictionary<string, int?> { ["a"] = random.Next(1, 6), ["b"] = random.Next(1, 6) })).ToList();
        var domain = SurveyScorer.Score(instrument, responses, ["north", "south"], ["care-worker", "drawing-on-care"], ["self"], new DisclosureControl()).Domains[0];

        Assert.Equal(["a", "b"], domain.Reliability!.ItemStatistics.Select(i => i.Id)); // the item nobody was shown is not "constant"
        Assert.Empty(domain.Reliability.ConstantItemsLeftOut);
        Assert.All(domain.ByCircle, circle =>
        {
            Assert.NotNull(circle.Reliability);
            Assert.Empty(circle.Reliability.ItemStatistics);
            Assert.Equal(["a", "b"], circle.Reliability.ItemStatisticsWithheld);
        });
    }

    [Fact]
    public void Score_OneSmallCircle_HidesTheOtherCircleToo()
    {
        var responses = Enumerable.Range(0, 12).Select(_ => Response("north", "care-worker", 4, 4))
            .Concat(Enumerable.Range(0, 3).Select(_ => Response("south", "care-worker", 1, 1))).ToList();
        var domain = Score(responses).Domains[0];
        Assert.Equal(CellStatus.Released, domain.Overall.Status);
        Assert.All(domain.ByCircle, c => Assert.Equal(CellStatus.Suppressed, c.Score.Status));
    }

    [Fact]
    public void Score_CompletionModeCounts_AreSuppressedBelowFive()
    {
        var responses = Enumerable.Range(0, 9).Select(_ => Response("north", "care-worker", 4, 4))
            .Append(Response("north", "care-worker", 4, 4, "paper")).ToList();
        var modes = Score(responses).ByCompletionMode;
        Assert.All(modes, m => Assert.Equal(CellStatus.Suppressed, m.Status));
        Assert.All(modes, m => Assert.Null(m.Count));
    }

    [Fact]
    public void Score_RespondentsWithInsufficientData_AreLeftOutOfN()
    {
        var responses = Enumerable.Range(0, 6).Select(_ => Response("north", "care-worker", 4, 4)).ToList();
        responses.Add(new ResponseAnswers("north", "care-worker", "self", new Dictionary<string, int?> { ["a"] = null, ["b"] = null }));
        var scores = Score(responses);
        Assert.Equal(7, scores.Responses);
        Assert.Equal(6, scores.Domains[0].Overall.N);
    }

    [Fact]
    public void Score_ListwiseReliability_UsesCompleteResponsesAndIsWithheldWhenFewerThanFiveAreComplete()
    {
        var instrument = With(Domain("d", Factor("f", Item("a"), Item("b"), Item("c"))));
        var random = new Random(5);
        ResponseAnswers Respond(bool complete) => new("north", "care-worker", "self", new Dictionary<string, int?>
        {
            ["a"] = random.Next(1, 6),
            ["b"] = random.Next(1, 6),
            ["c"] = complete ? random.Next(1, 6) : null,
        });
        SurveyScores Score(IReadOnlyList<ResponseAnswers> responses, bool listwise) =>
            SurveyScorer.Score(instrument, responses, ["north"], ["care-worker"], ["self"], new DisclosureControl(), listwise);

        var mostlyComplete = Enumerable.Range(0, 12).Select(i => Respond(complete: i < 9)).ToList();
        var pairwise = Score(mostlyComplete, listwise: false).Domains[0].Reliability!;
        var listwise = Score(mostlyComplete, listwise: true).Domains[0].Reliability!;
        Assert.Equal(12, pairwise.Respondents);
        Assert.Equal(9, listwise.Respondents);
        Assert.Equal(Evaluation.Scoring.Reliability.Alpha.Compute(["a", "b", "c"], mostlyComplete.Take(9).Select(r => new[] { "a", "b", "c" }
            .Select(item => r.Answers[item] is { } v ? (double?)v : null).ToArray()).ToList()).RawAlpha, listwise.RawAlpha);

        var fewComplete = Enumerable.Range(0, 12).Select(i => Respond(complete: i < 3)).ToList();
        var withheld = Score(fewComplete, listwise: true).Domains[0].Reliability!;
        Assert.Equal(Evaluation.Scoring.Reliability.ReliabilityStatus.Withheld, withheld.Status);
        Assert.Null(withheld.RawAlpha);
        Assert.Empty(withheld.ItemStatistics);
    }

    [Fact]
    public void Compare_GivesTheDomainAndEachFactorTheirOwnChange_OnlyFromFiguresReleasedInBothWaves()
    {
        var instrument = With(Domain("d", Factor("f", Item("a"), Item("b")), Factor("g", Item("c"), Item("e"))));
        SurveyScores Wave(int count, int f, int g) => SurveyScorer.Score(instrument,
            Enumerable.Range(0, count).Select(i => new ResponseAnswers("north", "care-worker", "self",
                new Dictionary<string, int?> { ["a"] = f + (i % 2), ["b"] = f, ["c"] = g + (i % 2), ["e"] = g })).ToList(),
            ["north"], ["care-worker"], ["self"], new DisclosureControl());

        var change = SurveyScorer.Compare(instrument, Wave(40, 2, 3), Wave(40, 4, 3)).Single();
        var small = SurveyScorer.Compare(instrument, Wave(40, 2, 3), Wave(4, 4, 3)).Single();
        var none = SurveyScorer.Compare(instrument, Wave(40, 2, 3), Wave(0, 4, 3)).Single();

        Assert.Equal((CellStatus.Released, ChangeVerdict.Improved), (change.Status, change.Change!.Verdict));
        Assert.Equal([("f", ChangeVerdict.Improved, 2.0), ("g", ChangeVerdict.NoClearChange, 0.0)],
            change.Factors.Select(c => (c.FactorId, c.Change!.Verdict, Math.Round(c.Change.Difference!.Value, 12))));
        Assert.Equal((CellStatus.Suppressed, null), (small.Status, small.Change));
        Assert.All(small.Factors, c => Assert.Equal((CellStatus.Suppressed, null), (c.Status, c.Change)));
        Assert.Equal((CellStatus.NoResponses, null), (none.Status, none.Change));
        Assert.All(none.Factors, c => Assert.Equal(CellStatus.NoResponses, c.Status));
    }
}
