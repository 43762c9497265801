using Evaluation.Scoring.Disclosure;
using static Evaluation.Scoring.Tests.TestInstruments;

namespace Evaluation.Scoring.Tests.Disclosure;

public class WaveDisclosureTests
{
    private static readonly Evaluation.Instruments.SurveyInstrument Instrument =
        With(Domain("d", Factor("f1", Item("a")), Factor("f2", Item("b"))));

    private static readonly string[] Groups = ["drawing-on-care", "family-friends", "care-worker", "circle-member", "volunteer"];
    private static readonly string[] Modes = ["self", "paper"];

    private static List<ResponseAnswers> Wave(params (string Circle, string Group, int People)[] cells) =>
        cells.SelectMany(cell => Enumerable.Range(0, cell.People).Select(i => new ResponseAnswers(cell.Circle, cell.Group, "self",
            new Dictionary<string, int?> { ["a"] = 1 + i % 5, ["b"] = 1 + (i * 3 + cell.People) % 5 }))).ToList();

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_BelowFive_IsRefused(int minimum) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureControl(minimum));

    [Fact]
    public void Constructor_AboveFive_IsAllowed() => Assert.Equal(10, new DisclosureControl(10).MinimumCellSize);

    /// <summary>
    /// The example of issue 17: North {care workers 10, volunteers 2}, South {drawing on care 6, family and friends 7},
    /// West {family and friends 3, circle members 8}. Shown circle by circle and group by group, North − care workers
    /// gave the 2 volunteers' means, and West − circle members the 3 West family members'.
    /// </summary>
    [Fact]
    public void NamedExample_NorthSouthWest_NoSmallGroupCanBeWorkedOut_AndEachHiddenFigureSaysWhy()
    {
        string[] circles = ["north", "south", "west"];
        var responses = Wave(("north", "care-worker", 10), ("north", "volunteer", 2), ("south", "drawing-on-care", 6), ("south", "family-friends", 7),
            ("west", "family-friends", 3), ("west", "circle-member", 8));
        var scores = SurveyScorer.Score(Instrument, responses, circles, Groups, Modes, new DisclosureControl());

        Assert.Null(ReleasedFigures.FirstDerivable(ReleasedFigures.Of(Instrument, scores, responses, circles, Groups, Modes), 5));
        var domain = scores.Domains[0];
        Assert.Equal((CellStatus.Released, 36), (domain.Overall.Status, domain.Overall.N!.Value));
        Assert.Equal(SuppressionReason.FewerThanMinimum, domain.ByStakeholderGroup[4].Score.SuppressedBecause); // 2 volunteers
        // Every circle is shown, so each lead reads their own; the groups that, with the circles, would give the 2 North
        // volunteers or the 3 West family members are hidden, and say so.
        Assert.Equal(
            ["north: Released", "south: Released", "west: Released"],
            domain.ByCircle.Select(c => $"{c.Key}: {(object?)c.Score.SuppressedBecause ?? c.Score.Status}"));
        Assert.Equal(
            ["drawing-on-care: ProtectsSmallGroup", "family-friends: Released", "care-worker: ProtectsSmallGroup", "circle-member: ProtectsSmallGroup",
                "volunteer: FewerThanMinimum"],
            domain.ByStakeholderGroup.Select(c => $"{c.Key}: {(object?)c.Score.SuppressedBecause ?? c.Score.Status}"));
        // A region hidden to protect others is hidden in every output of the wave, the counts of who took part included.
        Assert.Equal([CellStatus.Suppressed, CellStatus.Released, CellStatus.Suppressed, CellStatus.Suppressed, CellStatus.Suppressed],
            scores.Participation!.ResponsesByStakeholderGroup.Select(c => c.Status));
        Assert.All(domain.Factors, f => Assert.All(f.ByCircle, c => Assert.Equal(CellStatus.Released, c.Score.Status)));
    }

    [Fact]
    public void SameWave_SameDecision_WhateverTheOrderOfResponses()
    {
        string[] circles = ["north", "south", "west"];
        var responses = Wave(("north", "care-worker", 10), ("north", "volunteer", 2), ("south", "drawing-on-care", 6), ("south", "family-friends", 7),
            ("west", "family-friends", 3), ("west", "circle-member", 8));
        string Decision(IReadOnlyList<ResponseAnswers> wave) => System.Text.Json.JsonSerializer.Serialize(
            SurveyScorer.Score(Instrument, wave, circles, Groups, Modes, new DisclosureControl()).Domains[0].ByCircle.Select(c => c.Score.Status));
        var first = Decision(responses);
        Assert.Equal(first, Decision(responses.AsEnumerable().Reverse().ToList()));
        Assert.Equal(first, Decision(responses.OrderBy(r => r.Answers["b"]).ToList()));
    }

    [Fact]
    public void OneBreakdown_OneSmallCell_HidesTheNextSmallestToo()
    {
        // The single-table case complementary suppression always handled: 10, 3, 20 in one circle each.
        string[] circles = ["a", "b", "c"];
        var responses = Wave(("a", "care-worker", 10), ("b", "care-worker", 3), ("c", "care-worker", 20));
        var scores = SurveyScorer.Score(Instrument, responses, circles, Groups, Modes, new DisclosureControl());
        Assert.Equal(
            [SuppressionReason.ProtectsSmallGroup, SuppressionReason.FewerThanMinimum, (SuppressionReason?)null],
            scores.Domains[0].ByCircle.Select(c => c.Score.SuppressedBecause));
        Assert.Null(ReleasedFigures.FirstDerivable(ReleasedFigures.Of(Instrument, scores, responses, circles, Groups, Modes), 5));
    }

    [Fact]
    public void SmallCellsTogether_HoldingTheMinimum_AreReleasedTogether()
    {
        // 4 self-completed and 1 assisted: each mode is too few, the wave's 5 are not a small group.
        var responses = Wave(("a", "care-worker", 5)).Select((r, i) => r with { CompletionMode = i == 0 ? "paper" : "self" }).ToList();
        var scores = SurveyScorer.Score(Instrument, responses, ["a"], Groups, Modes, new DisclosureControl());
        Assert.Equal((CellStatus.Released, 5), (scores.ResponsesStatus, scores.Responses!.Value));
        Assert.All(scores.ByCompletionMode, m => Assert.Equal(SuppressionReason.FewerThanMinimum, m.SuppressedBecause));
    }

    [Fact]
    public void NothingSmall_NothingHidden()
    {
        string[] circles = ["a", "b"];
        var responses = Wave(("a", "care-worker", 10), ("a", "volunteer", 5), ("b", "care-worker", 0), ("b", "family-friends", 7));
        var scores = SurveyScorer.Score(Instrument, responses, circles, Groups, Modes, new DisclosureControl());
        Assert.All(scores.Domains[0].ByCircle, c => Assert.Equal(CellStatus.Released, c.Score.Status));
        Assert.All(scores.Domains[0].ByStakeholderGroup, c => Assert.NotEqual(CellStatus.Suppressed, c.Score.Status));
    }
}
