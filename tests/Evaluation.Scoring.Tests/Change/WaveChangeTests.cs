using System.Globalization;
using System.Text.Json.Nodes;
using Evaluation.Scoring.Change;

namespace Evaluation.Scoring.Tests.Change;

public class WaveChangeTests
{
    private static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "Evaluation.Scoring.Tests", "Fixtures", "psych");

    /// <summary>psych::scoreItems(impute = "none") as oracle.R uses: mean of the answered keyed items, no minimum.</summary>
    private static List<double> MeanAvailable(string wave, string domain)
    {
        var keys = ReadCsv("keys.csv").Where(k => k["domain"] == domain).ToList();
        return ReadCsv("items.csv").Where(r => r["wave"] == wave)
            .Select(r => keys.Where(k => r[k["item"]].Length > 0)
                .Select(k => double.Parse(r[k["item"]], CultureInfo.InvariantCulture) is var v && k["reverse"] == "1" ? 6 - v : v).ToList())
            .Where(answers => answers.Count > 0)
            .Select(answers => answers.Average())
            .ToList();
    }

    private static List<Dictionary<string, string>> ReadCsv(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, name));
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    /// <summary>A released figure of these scores, as the scorer makes it.</summary>
    private static ScoreCell Released(IReadOnlyList<double> values)
    {
        var summary = Summary.Of(values);
        return new ScoreCell(CellStatus.Released, summary.N, summary.Mean, summary.StandardDeviation, summary.StandardError, summary.Ci95, null, null);
    }

    [Theory]
    [InlineData("D1", false)]
    [InlineData("D2", false)]
    [InlineData("D3", false)]
    [InlineData("D1", true)]
    [InlineData("D2", true)]
    [InlineData("D3", true)]
    public void Compare_MatchesRTTest_FromTheScoresOrFromTheirReleasedFigures(string domain, bool fromReleasedFigures)
    {
        // oracle.R: t.test(to, from) (Welch) and t.test(to, from, var.equal = TRUE); d with the pooled SD.
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "normal.json")))!["change"]![domain]!;
        var (from, to) = (MeanAvailable("1", domain), MeanAvailable("2", domain));
        var change = fromReleasedFigures ? WaveChange.Compare(Released(from), Released(to)) : WaveChange.Compare(from, to);

        Assert.Equal(expected["n_from"]!.GetValue<int>(), change.NFrom);
        Assert.Equal(expected["n_to"]!.GetValue<int>(), change.NTo);
        Close(expected["diff"]!, change.Difference!.Value);
        foreach (var (name, test) in new[] { ("welch", change.Welch!), ("student", change.Student!) })
        {
            Close(expected[name]!["t"]!, test.T);
            Close(expected[name]!["df"]!, test.Df);
            // p can be tiny: equal to 1e-10 of its own size (R's output carries 15 significant digits).
            var p = expected[name]!["p"]!.GetValue<double>();
            Assert.True(Math.Abs(p - test.P) <= 1e-10 * p, $"R p {p:R}, we {test.P:R}");
            Close(expected[name]!["ci95"]![0]!, test.Ci95.Lower);
            Close(expected[name]!["ci95"]![1]!, test.Ci95.Upper);
        }
        Close(expected["cohen_d"]!, change.CohenD!.Value);
        Close(expected["hedges_g"]!, change.HedgesG!.Value);
        Assert.False(change.IndicativeOnly);
    }

    private static void Close(JsonNode expected, double actual)
    {
        var value = expected.GetValue<double>();
        Assert.True(Math.Abs(value - actual) <= 1e-10 * Math.Max(1, Math.Abs(value)), $"R {value:R}, we {actual:R}");
    }

    [Fact]
    public void Compare_ClearAndLargeIncrease_IsImproved()
    {
        var from = Enumerable.Range(0, 40).Select(i => 2.0 + i % 5 * 0.1).ToList();
        var to = from.Select(v => v + 0.8).ToList();
        var change = WaveChange.Compare(from, to);
        Assert.Equal(ChangeVerdict.Improved, change.Verdict);
        Assert.Equal(0.8, change.Difference!.Value, 12);
    }

    [Fact]
    public void Compare_ClearButSmallerThanTheThreshold_IsNoClearChange()
    {
        var from = Enumerable.Range(0, 400).Select(i => 2.0 + i % 5 * 0.1).ToList();
        var to = from.Select(v => v + 0.05).ToList();
        var change = WaveChange.Compare(from, to, meaningfulChange: 0.2);
        Assert.True(change.Welch!.Ci95.Lower > 0);
        Assert.Equal(ChangeVerdict.NoClearChange, change.Verdict);
    }

    [Fact]
    public void Compare_ClearDecline_IsDeclinedAndSmallWavesAreIndicative()
    {
        var from = Enumerable.Range(0, 20).Select(i => 4.0 + i % 3 * 0.1).ToList();
        var to = from.Select(v => v - 1.5).ToList();
        var change = WaveChange.Compare(from, to);
        Assert.Equal(ChangeVerdict.Declined, change.Verdict);
        Assert.True(change.IndicativeOnly);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(10, 1)]
    public void Compare_FewerThanTwoInAWave_IsInsufficientData(int nFrom, int nTo)
    {
        var change = WaveChange.Compare(Enumerable.Repeat(3.0, nFrom).ToList(), Enumerable.Range(0, nTo).Select(i => 3.0 + i % 2).ToList());
        Assert.Equal(ChangeVerdict.InsufficientData, change.Verdict);
        Assert.Null(change.Welch);
    }

    [Fact]
    public void Compare_BothWavesConstant_HasNoTestAndNoNaN()
    {
        var change = WaveChange.Compare([3.0, 3.0, 3.0], [4.0, 4.0, 4.0]);
        Assert.Null(change.Welch);
        Assert.Null(change.CohenD);
        Assert.Equal(ChangeVerdict.InsufficientData, change.Verdict);
        Assert.DoesNotContain("NaN", System.Text.Json.JsonSerializer.Serialize(change), StringComparison.Ordinal);
    }
}
