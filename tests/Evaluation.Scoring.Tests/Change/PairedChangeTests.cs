using System.Globalization;
using System.Text.Json.Nodes;
using Evaluation.Scoring.Change;

namespace Evaluation.Scoring.Tests.Change;

/// <summary>Against R's <c>t.test(to, from, paired = TRUE)</c>: Fixtures/paired/make-fixture.R made pairs.csv and paired.json.</summary>
public class PairedChangeTests
{
    private static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "Evaluation.Scoring.Tests", "Fixtures", "paired");

    private static void Close(JsonNode expected, double actual)
    {
        var value = expected.GetValue<double>();
        Assert.True(Math.Abs(value - actual) <= 1e-10 * Math.Max(1, Math.Abs(value)), $"R {value:R}, we {actual:R}");
    }

    [Fact]
    public void Compare_ReproducesRsPairedTTest()
    {
        var pairs = File.ReadAllLines(Path.Combine(Folder, "pairs.csv")).Skip(1)
            .Select(line => line.Split(',')).Select(cells => (double.Parse(cells[0], CultureInfo.InvariantCulture), double.Parse(cells[1], CultureInfo.InvariantCulture)))
            .ToList();
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "paired.json")))!;

        var change = PairedChange.Compare(pairs)!;

        Assert.Equal(expected["pairs"]!.GetValue<int>(), change.Pairs);
        Close(expected["mean_difference"]!, change.MeanDifference);
        Close(expected["sd_difference"]!, change.SdDifference!.Value);
        Close(expected["t"]!, change.Paired!.T);
        Close(expected["df"]!, change.Paired.Df);
        var p = expected["p"]!.GetValue<double>();
        Assert.True(Math.Abs(p - change.Paired.P) <= 1e-10 * p, $"R p {p:R}, we {change.Paired.P:R}");
        Close(expected["ci95"]![0]!, change.Paired.Ci95.Lower);
        Close(expected["ci95"]![1]!, change.Paired.Ci95.Upper);
        Close(expected["dz"]!, change.EffectSizeDz!.Value);
        Assert.False(change.IndicativeOnly);
    }

    [Fact]
    public void Compare_OnePairOrNoSpread_GivesNoTestNeverNaN()
    {
        Assert.Null(PairedChange.Compare([(3.0, 4.0)]));
        var same = PairedChange.Compare([(3.0, 4.0), (2.0, 3.0), (4.0, 5.0)])!;
        Assert.Equal(1.0, same.MeanDifference);
        Assert.Null(same.Paired);
        Assert.Null(same.EffectSizeDz);
        Assert.True(same.IndicativeOnly);
    }

    /// <summary>As a change between waves: a clear interval is not enough, it must also pass the smallest change that matters.</summary>
    [Fact]
    public void Verdict_NeedsAClearIntervalAndAMeaningfulSize()
    {
        var pairs = Enumerable.Range(0, 40).Select(i => (From: 2.0 + i % 5 * 0.25, To: 2.3 + i % 5 * 0.25 + (i % 2 == 0 ? 0.05 : -0.05))).ToList();

        var small = PairedChange.Compare(pairs)!; // +0.30, half the earlier SD is 0.18
        var demanding = PairedChange.Compare(pairs, meaningfulChange: 0.5)!;
        var down = PairedChange.Compare(pairs.Select(p => (p.To, p.From)).ToList())!;

        Assert.True(small.Paired!.Ci95.Lower > 0);
        Assert.Equal((ChangeVerdict.Improved, 0.18), (small.Verdict, Math.Round(small.MeaningfulChange!.Value, 2)));
        Assert.Equal(ChangeVerdict.NoClearChange, demanding.Verdict);
        Assert.Equal(ChangeVerdict.Declined, down.Verdict);
        Assert.Equal(ChangeVerdict.InsufficientData, PairedChange.Compare([(3.0, 4.0), (2.0, 3.0)])!.Verdict);
    }
}
