using System.Text.Json;
using Evaluation.Scoring.Reliability;

namespace Evaluation.Scoring.Tests.Reliability;

public class AlphaBoundaryTests
{
    private static readonly string[] ThreeItems = ["a", "b", "c"];

    private static double?[] Row(params double?[] values) => values;

    [Fact]
    public void Compute_NoRespondents_IsTooFewRespondents()
    {
        var result = Alpha.Compute(ThreeItems, new List<double?[]>());
        Assert.Equal(ReliabilityStatus.TooFewRespondents, result.Status);
        Assert.Null(result.RawAlpha);
        Assert.True(result.IndicativeOnly);
    }

    [Fact]
    public void Compute_OneRespondent_IsTooFewRespondents() =>
        Assert.Equal(ReliabilityStatus.TooFewRespondents, Alpha.Compute(ThreeItems, [Row(1, 2, 3)]).Status);

    [Fact]
    public void Compute_OneItem_IsTooFewItems() =>
        Assert.Equal(ReliabilityStatus.TooFewItems, Alpha.Compute(["a"], [Row(1), Row(2), Row(3)]).Status);

    [Fact]
    public void Compute_TwoRespondents_IsEstimatedButIndicative()
    {
        var result = Alpha.Compute(ThreeItems, [Row(1, 2, 2), Row(4, 5, 4)]);
        Assert.Equal(ReliabilityStatus.Estimated, result.Status);
        Assert.True(result.IndicativeOnly);
        Assert.NotNull(result.RawAlpha);
    }

    [Fact]
    public void Compute_EveryItemConstant_IsTooFewItemsAndNamesThem()
    {
        var result = Alpha.Compute(ThreeItems, [Row(3, 3, 1), Row(3, 3, 2), Row(3, 3, 1)]);
        Assert.Equal(ReliabilityStatus.TooFewItems, result.Status);
        Assert.Equal(["a", "b"], result.ConstantItemsLeftOut);
    }

    [Fact]
    public void Compute_PairNeverAnsweredTogether_IsNotEstimable()
    {
        var result = Alpha.Compute(ThreeItems, [Row(1, null, 2), Row(2, null, 3), Row(null, 4, 5), Row(null, 5, 1)]);
        Assert.Equal(ReliabilityStatus.NotEstimable, result.Status);
    }

    [Fact]
    public void Compute_ThirtyRespondents_IsNoLongerIndicative()
    {
        var random = new Random(30);
        var rows = Enumerable.Range(0, 30).Select(_ => { var t = random.Next(1, 6); return Row(t, Math.Clamp(t + random.Next(-1, 2), 1, 5), Math.Clamp(t + random.Next(-1, 2), 1, 5)); }).ToList();
        var result = Alpha.Compute(ThreeItems, rows);
        Assert.False(result.IndicativeOnly);
        Assert.InRange(result.RawAlpha!.Value, 0.5, 1);
    }

    [Fact]
    public void Compute_AnyOutcome_SerialisesWithoutNaN()
    {
        var outcomes = new[]
        {
            Alpha.Compute(ThreeItems, new List<double?[]>()),
            Alpha.Compute(ThreeItems, [Row(1, 2, 2), Row(4, 5, 4)]),
            Alpha.Compute(ThreeItems, [Row(1, 1, 5), Row(5, 5, 1), Row(3, 3, 3)]), // negative alpha territory
            Alpha.Compute(ThreeItems, [Row(1, null, 2), Row(2, null, 3), Row(null, 4, 5), Row(null, 5, 1)]),
        };
        foreach (var outcome in outcomes)
        {
            var json = JsonSerializer.Serialize(outcome); // throws on NaN or infinity
            Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        }
    }
}
