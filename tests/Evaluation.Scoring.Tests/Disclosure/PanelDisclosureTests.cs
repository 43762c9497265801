using Evaluation.Scoring.Disclosure;
using Evaluation.Tests;
using static Evaluation.Scoring.Tests.TestInstruments;

namespace Evaluation.Scoring.Tests.Disclosure;

public class PanelDisclosureTests
{
    private static readonly Evaluation.Instruments.SurveyInstrument Instrument =
        With(Domain("d", Factor("f1", Item("a")), Factor("f2", Item("b"))));

    private static readonly string[] Circles = ["circle-a", "circle-b"];
    private static readonly string[] Groups = ["care-worker"];
    private static readonly string[] Modes = ["self"];

    private static List<ResponseAnswers> People(string circle, int count, int seed) =>
        Enumerable.Range(0, count).Select(i => new ResponseAnswers(circle, "care-worker", "self",
            new Dictionary<string, int?> { ["a"] = 1 + (i + seed) % 5, ["b"] = 1 + (i * 3 + seed) % 5 })).ToList();

    private static ResponseMatrix Matrix(List<ResponseAnswers> responses) => ResponseMatrix.From(Instrument, responses, Circles, Groups, Modes);

    /// <summary>Six people of circle A answer both waves with their panel code; the later wave adds the given people without one.</summary>
    private static DomainPanelChange Compare(int unpairedInA, int unpairedInB)
    {
        var disclosure = new DisclosureControl();
        var (pairedBefore, pairedAfter) = (People("circle-a", 6, 0), People("circle-a", 6, 2));
        var baseline = Matrix(pairedBefore);
        var current = Matrix([.. pairedAfter, .. People("circle-a", unpairedInA, 1), .. People("circle-b", unpairedInB, 3)]);
        return SurveyScorer.ComparePanel(Instrument, (baseline, SurveyScorer.Score(Instrument, baseline, disclosure)),
            (current, SurveyScorer.Score(Instrument, current, disclosure)), Matrix(pairedBefore), Matrix(pairedAfter), disclosure).Single();
    }

    [Fact]
    public void EveryonePairedInBothWaves_IsReleased()
    {
        var change = Compare(0, 0);
        Assert.Equal(CellStatus.Released, change.Status);
        Assert.Equal(6, change.Change!.Pairs);
    }

    /// <summary>
    /// The later wave: circle A {6 paired, 1 without a code}, circle B {5 without}. A whole wave's unpaired people (6)
    /// are no small group, yet circle A's total less the pairs' total (the earlier wave's total plus the mean change
    /// times 6) is the one person's score. The rule this replaced (a wave's unpaired people none or at least 5) released it.
    /// </summary>
    [Fact]
    public void OneUnpairedPersonBesideACircleOfPairs_IsWithheld_AndTheAttackerAgrees()
    {
        // Cells: the earlier wave's 6 pairs; the later wave's 6 pairs, 1 unpaired in A, 5 unpaired in B. The earlier wave's
        // scores enter with their sign turned, so the mean change is the sum over cells 0 and 1.
        int[] sizes = [6, 6, 1, 5];
        List<int[]> withTheChange = [[0], [1, 2, 3], [1, 2], [3], [1, 2, 3], [0], [1], [0, 1]];
        Assert.Equal([2], ExactAttacker.FindSmallGroup(withTheChange, sizes, 5)!);
        Assert.Null(ExactAttacker.FindSmallGroup(withTheChange.Take(5).ToList(), sizes, 5)); // the waves alone give nobody away

        var change = Compare(1, 5);
        Assert.Equal(CellStatus.Suppressed, change.Status);
        Assert.Equal(SuppressionReason.ProtectsSmallGroup, change.SuppressedBecause);
        Assert.Null(change.Change);
    }

    [Fact]
    public void FiveUnpairedBesideTheirCircleOfPairs_AreNoSmallGroup_AndTheChangeIsReleased()
    {
        Assert.Null(ExactAttacker.FindSmallGroup([[0], [1, 2, 3], [1, 2], [3], [1, 2, 3], [0], [1], [0, 1]], [6, 6, 5, 5], 5));
        Assert.Equal(CellStatus.Released, Compare(5, 5).Status);
    }

    [Fact]
    public void OneUnpairedInAWaveOfPairs_IsWithheld() =>
        Assert.Equal((CellStatus.Suppressed, SuppressionReason.ProtectsSmallGroup), (Compare(1, 0).Status, Compare(1, 0).SuppressedBecause));

    [Fact]
    public void FewerPairsThanTheMinimum_AreWithheldAsFewerThanFive()
    {
        var disclosure = new DisclosureControl();
        var (before, after) = (Matrix(People("circle-a", 4, 0)), Matrix(People("circle-a", 4, 1)));
        var change = SurveyScorer.ComparePanel(Instrument, (before, SurveyScorer.Score(Instrument, before, disclosure)),
            (after, SurveyScorer.Score(Instrument, after, disclosure)), before, after, disclosure).Single();
        Assert.Equal((CellStatus.Suppressed, SuppressionReason.FewerThanMinimum), (change.Status, change.SuppressedBecause));
    }
}
