namespace Evaluation.Scoring.Tests;

public class SummaryTests
{
    [Fact]
    public void Of_NoValues_HasOnlyN() => Assert.Equal(new Summary(0, null, null, null, null), Summary.Of([]));

    [Fact]
    public void Of_OneValue_HasAMeanButNoSpreadOrInterval() => Assert.Equal(new Summary(1, 4.0, null, null, null), Summary.Of([4.0]));

    [Fact]
    public void Of_TwoValues_MatchesR()
    {
        // R: x <- c(2, 4); sd(x) = 1.414214; qt(0.975, 1) = 12.7062047361747; t.test(x)$conf.int = -9.706205 15.706205
        var summary = Summary.Of([2.0, 4.0]);
        Assert.Equal(2, summary.N);
        Assert.Equal(3.0, summary.Mean);
        Assert.Equal(1.4142135623730951, summary.StandardDeviation!.Value, 12);
        Assert.Equal(1.0, summary.StandardError!.Value, 12);
        Assert.Equal(-9.706204736174694, summary.Ci95!.Lower, 9);
        Assert.Equal(15.706204736174694, summary.Ci95!.Upper, 9);
    }

    [Fact]
    public void Of_OneToFive_MatchesRTTest()
    {
        // R: t.test(1:5)$conf.int = 1.036757 4.963243; qt(0.975, 4) = 2.776445105197799
        var summary = Summary.Of([1.0, 2, 3, 4, 5]);
        Assert.Equal(1.5811388300841898, summary.StandardDeviation!.Value, 12);
        Assert.Equal(3 - 2.776445105197799 * Math.Sqrt(0.5), summary.Ci95!.Lower, 10);
        Assert.Equal(3 + 2.776445105197799 * Math.Sqrt(0.5), summary.Ci95!.Upper, 10);
    }

    [Fact]
    public void Of_MeanIsFreeOfSummationNoise()
    {
        double[] values = [1.4, 2.8, 3.3];
        Assert.NotEqual(2.5, values.Average()); // 2.4999999999999996 in double arithmetic
        Assert.Equal(2.5, Summary.Of(values).Mean);
    }

    [Fact]
    public void Of_ConstantValues_HasZeroSpreadAndAPointInterval()
    {
        var summary = Summary.Of([3.0, 3.0, 3.0]);
        Assert.Equal(0.0, summary.StandardDeviation);
        Assert.Equal(new Interval(3.0, 3.0), summary.Ci95);
    }
}
