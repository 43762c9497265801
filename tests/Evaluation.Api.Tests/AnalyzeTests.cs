using System.Text.Json.Nodes;
using Evaluation.Api.Analysis;

namespace Evaluation.Api.Tests;

/// <summary>`analyze` against the psych golden fixtures (see tests/Evaluation.Scoring.Tests/Fixtures/psych).</summary>
[Trait(TestBackend.Trait, TestBackend.NoDatabase)]
public class AnalyzeTests
{
    private static string Fixtures => Path.Combine(RepositoryPaths.Root, "tests", "Evaluation.Scoring.Tests", "Fixtures", "psych");

    private static (int ExitCode, string Output, string Error) Run(string responses, string? keys = null, string? instrument = null,
        string? group = "wave", string format = "json", bool listwise = false)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = AnalyzeCommand.Run(new FileInfo(responses), instrument is null ? null : new FileInfo(instrument),
            keys is null ? null : new FileInfo(keys), group, 1, 5, format, output, error, listwise);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("normal", "items.csv", "keys.csv")]
    [InlineData("tiny", "tiny-items.csv", "tiny-keys.csv")]
    [InlineData("pair", "pair-items.csv", "pair-keys.csv")]
    public void Analyze_Keys_ReproducesTheOracle(string fixture, string items, string keys)
    {
        var (exit, output, error) = Run(Path.Combine(Fixtures, items), Path.Combine(Fixtures, keys));
        Assert.True(exit == 0, error);
        var actual = JsonNode.Parse(output)!;
        var oracle = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures, fixture + ".json")))!;

        foreach (var group in actual["groups"]!.AsArray())
        {
            foreach (var domain in group!["domains"]!.AsArray())
            {
                var expected = oracle["groups"]![group["name"]!.GetValue<string>()]![domain!["id"]!.GetValue<string>()]!;
                var alpha = expected["alpha_pairwise"]!;
                var half = expected["scores"]!["mean_available_half"]!;
                Close(half["n"], domain["score"]!["n"]);
                Close(half["mean"], domain["score"]!["mean"]);
                Close(half["sd"], domain["score"]!["sd"]);
                Close(half["ci95_t"]![0], domain["score"]!["ci95"]![0]);
                Close(half["ci95_t"]![1], domain["score"]!["ci95"]![1]);
                Close(alpha["scale_mean"], domain["score"]!["scaleMean"]);
                Close(alpha["scale_sd"], domain["score"]!["scaleSd"]);
                Close(alpha["n_rows"], domain["n"]);
                var reliability = domain["reliability"]!;
                Close(alpha["raw_alpha"], reliability["rawAlpha"]);
                Close(alpha["std_alpha"], reliability["standardizedAlpha"]);
                Close(alpha["G6_smc"], reliability["g6"]);
                Close(alpha["average_r"], reliability["averageR"]);
                Close(alpha["feldt95"]![0], reliability["feldt95"]![0]);
                Close(alpha["feldt95"]![1], reliability["feldt95"]![1]);
                Close(alpha["duhachek95"]![1], reliability["duhachek95"]![1]);
                foreach (var (e, a) in alpha["items"]!.AsArray().Zip(reliability["items"]!.AsArray()))
                {
                    Assert.Equal(e!["item"]!.GetValue<string>(), a!["id"]!.GetValue<string>());
                    Close(e["n"], a["n"]);
                    Close(e["mean"], a["mean"]);
                    Close(e["sd"], a["sd"]);
                    Close(e["r_drop"], a["rDrop"]);
                    Close(e["alpha_if_dropped"], a["alphaIfDropped"]);
                }
            }
        }

        foreach (var change in actual["changes"]!.AsArray())
        {
            var expected = oracle["change"]![change!["domain"]!.GetValue<string>()]!;
            var scale = change["psychScale"]!;
            Close(expected["diff"], scale["difference"]);
            Close(expected["welch"]!["t"], scale["welch"]!["t"]);
            Close(expected["welch"]!["df"], scale["welch"]!["df"]);
            CloseRelative(expected["welch"]!["p"], scale["welch"]!["p"]);
            Close(expected["welch"]!["ci95"]![0], scale["welch"]!["ci95"]![0]);
            Close(expected["student"]!["t"], scale["student"]!["t"]);
            Close(expected["hedges_g"], scale["hedgesG"]);
            Assert.Contains(change["verdict"]!.GetValue<string>(), new[] { "improved", "declined", "no-clear-change", "insufficient-data" });
        }
    }

    /// <summary>For p-values, which can be tiny: equal to 1e-10 of their own size (the oracle prints 15 significant digits).</summary>
    private static void CloseRelative(JsonNode? expected, JsonNode? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        double e = expected.GetValue<double>(), a = actual.GetValue<double>();
        Assert.True(Math.Abs(e - a) <= 1e-10 * Math.Abs(e), $"oracle {e:R}, analyze {a:R}");
    }

    [Fact]
    public void Analyze_Listwise_ReproducesPsychOnCompleteRows()
    {
        var (exit, output, error) = Run(Path.Combine(Fixtures, "items.csv"), Path.Combine(Fixtures, "keys.csv"), listwise: true);
        Assert.True(exit == 0, error);
        var actual = JsonNode.Parse(output)!;
        var oracle = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures, "normal.json")))!;
        Assert.Equal("listwise", actual["reliability"]!.GetValue<string>());
        foreach (var group in actual["groups"]!.AsArray())
        {
            foreach (var domain in group!["domains"]!.AsArray())
            {
                var expected = oracle["groups"]![group["name"]!.GetValue<string>()]![domain!["id"]!.GetValue<string>()]!["alpha_listwise"]!;
                var reliability = domain["reliability"]!;
                Close(expected["raw_alpha"], reliability["rawAlpha"]);
                Close(expected["std_alpha"], reliability["standardizedAlpha"]);
                Close(expected["feldt95"]![0], reliability["feldt95"]![0]);
                Close(expected["feldt95"]![1], reliability["feldt95"]![1]);
                Close(expected["n_complete"], reliability["items"]![0]!["n"]);
                foreach (var (e, a) in expected["r_drop"]!.AsArray().Zip(reliability["items"]!.AsArray()))
                {
                    Close(e, a!["rDrop"]);
                }
                foreach (var (e, a) in expected["alpha_if_dropped"]!.AsArray().Zip(reliability["items"]!.AsArray()))
                {
                    Close(e, a!["alphaIfDropped"]);
                }
            }
        }
    }

    [Fact]
    public void Analyze_AConstantItem_IsLeftOutAsPsychDoesAndTheRestReproducesIt()
    {
        var (exit, output, error) = Run(Path.Combine(Fixtures, "constant-items.csv"), Path.Combine(Fixtures, "constant-keys.csv"));
        Assert.True(exit == 0, error);
        var actual = JsonNode.Parse(output)!;
        var oracle = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures, "constant.json")))!;
        var compared = 0;
        foreach (var group in actual["groups"]!.AsArray())
        {
            foreach (var domain in group!["domains"]!.AsArray())
            {
                var expected = oracle["groups"]![group["name"]!.GetValue<string>()]![domain!["id"]!.GetValue<string>()]!["alpha_pairwise"]!;
                var reliability = domain["reliability"]!;
                Close(expected["raw_alpha"], reliability["rawAlpha"]);
                Close(expected["std_alpha"], reliability["standardizedAlpha"]);
                Close(expected["G6_smc"], reliability["g6"]);
                Close(expected["average_r"], reliability["averageR"]);
                Close(expected["scale_mean"], domain["score"]!["scaleMean"]);
                Close(expected["scale_sd"], domain["score"]!["scaleSd"]);
                var items = reliability["items"]!.AsArray();
                Assert.Equal(expected["items"]!.AsArray().Count, items.Count);
                foreach (var (e, a) in expected["items"]!.AsArray().Zip(items))
                {
                    Assert.Equal(e!["item"]!.GetValue<string>(), a!["id"]!.GetValue<string>());
                    Close(e["r_drop"], a["rDrop"]);
                    Close(e["alpha_if_dropped"], a["alphaIfDropped"]);
                }
                compared++;
            }
        }
        Assert.True(compared > 0);
        Assert.Contains(actual["groups"]![0]!["domains"]!.AsArray(), d => d!["reliability"]!["constantItemsLeftOut"]!.AsArray().Count > 0);
    }

    private static void Close(JsonNode? expected, JsonNode? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        double e = expected.GetValue<double>(), a = actual.GetValue<double>();
        Assert.True(Math.Abs(e - a) <= 1e-10 * Math.Max(1, Math.Abs(e)), $"oracle {e:R}, analyze {a:R}");
    }

    [Fact]
    public void Analyze_TheShippedInstrument_ScoresItsDomainsInTable()
    {
        var folder = Directory.CreateTempSubdirectory("evaluation-analyze-").FullName;
        var instrument = Path.Combine(RepositoryPaths.Instruments, "social-climate.v1.json");
        var items = ApiScenario.Instruments.Value.Items.Select(i => i.Id).ToList();
        var random = new Random(7);
        var lines = new List<string> { "wave," + string.Join(',', items) };
        lines.AddRange(Enumerable.Range(0, 40).Select(i => $"{1 + i / 20}," + string.Join(',', items.Select(_ => random.Next(1, 6)))));
        var responses = Path.Combine(folder, "responses.csv");
        File.WriteAllLines(responses, lines);

        var (exit, output, error) = Run(responses, instrument: instrument, format: "table");
        Assert.True(exit == 0, error);
        Assert.Contains("growth", output, StringComparison.Ordinal);
        Assert.Contains("coproduction", output, StringComparison.Ordinal);
        Assert.Contains("1→2", output, StringComparison.Ordinal);

        var (_, json, _) = Run(responses, instrument: instrument);
        foreach (var domain in JsonNode.Parse(json)!["groups"]![0]!["domains"]!.AsArray())
        {
            var bands = domain!["score"]!["bands"]!.AsArray();
            Assert.Equal(["low", "medium", "high"], bands.Select(b => b!["id"]!.GetValue<string>()));
            Assert.Equal(domain["score"]!["n"]!.GetValue<int>(), bands.Sum(b => b!["count"]!.GetValue<int>()));
            Assert.Equal(1.0, bands.Sum(b => b!["share"]!.GetValue<double>()), 12);
            var factors = domain["factors"]!.AsArray();
            Assert.NotEmpty(factors);
            Assert.All(factors, f => Assert.NotNull(f!["reliability"]!["status"]));
            Assert.All(factors, f => Assert.NotNull(f!["score"]!["mean"]));
        }
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Analyze_KeysWithFactors_GiveEachFactorItsOwnScoreAndReliability()
    {
        var keys = "item,domain,reverse,factor\nD1_01,D1,0,a\nD1_02,D1,0,a\nD1_03,D1,1,b\nD1_04,D1,0,b\n";
        var random = new Random(11);
        var rows = Enumerable.Range(0, 60).Select(_ => random.Next(1, 6)).Select(level =>
            string.Join(',', Enumerable.Range(0, 4).Select(i => Math.Clamp(i == 2 ? 6 - level + random.Next(-1, 2) : level + random.Next(-1, 2), 1, 5))));
        var (exit, output, error) = RunOnFiles(keys, "D1_01,D1_02,D1_03,D1_04\n" + string.Join('\n', rows) + "\n", group: null);
        Assert.True(exit == 0, error);
        var domain = JsonNode.Parse(output)!["groups"]![0]!["domains"]![0]!;
        var factors = domain["factors"]!.AsArray();
        Assert.Equal(["a", "b"], factors.Select(f => f!["id"]!.GetValue<string>()));
        Assert.Equal(["D1_01", "D1_02"], factors[0]!["reliability"]!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(["D1_03-", "D1_04"], factors[1]!["reliability"]!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Null(domain["score"]!["bands"]); // keys define no bands
    }

    private const string ThreeItemKeys = "item,domain,reverse\nD1_01,D1,0\nD1_02,D1,0\nD1_03,D1,1\n";

    /// <summary>Runs analyze on a keys file and a responses file written to a fresh temporary folder.</summary>
    private static (int ExitCode, string Output, string Error) RunOnFiles(string keysText, string responsesText, string? group)
    {
        var folder = Directory.CreateTempSubdirectory("evaluation-analyze-").FullName;
        try
        {
            var keys = Path.Combine(folder, "keys.csv");
            var responses = Path.Combine(folder, "responses.csv");
            File.WriteAllText(keys, keysText);
            File.WriteAllText(responses, responsesText);
            return Run(responses, keys, group: group);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("D1_01,D1_02,D1_02\n1,2,3\n", null, "line 1, column 3: column 'D1_02' appears twice")]
    [InlineData("D1_01,D1_03\n1,2\n", null, "no column for item 'D1_02'")]
    [InlineData("D1_01,D1_02,D1_03\n1,2,3\n4,seven,1\n", null, "line 3, column 2: 'seven' in column 'D1_02' is not a number")]
    [InlineData("D1_01,D1_02,D1_03\n1,2,3\n4,5,6\n", null, "line 3, column 3: 6 in column 'D1_03' is outside the scale 1–5")]
    [InlineData("D1_01,D1_02,D1_03\n1,2.5,3\n", null, "line 2, column 2: 2.5 in column 'D1_02' is outside the scale 1–5 (whole numbers")]
    [InlineData("wave,D1_01,D1_02,D1_03\n1,1,2,3\n,4,5,1\n", "wave", "line 3, column 1: the group column 'wave' is empty")]
    [InlineData("wave,D1_01,D1_02,D1_03\n", "wave", "the file has a header but no responses")]
    [InlineData("wave,D1_01,D1_02,D1_03\n1,1,2\n", "wave", "not readable as CSV")]
    public void Analyze_BadResponsesFile_OneClearErrorAndNoOutput(string csv, string? group, string message)
    {
        var (exit, output, error) = RunOnFiles(ThreeItemKeys, csv, group);

        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Contains("responses.csv", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_TrailingEmptyHeaderCells_AreUnnamedColumnsNotDuplicates()
    {
        var (exit, _, error) = RunOnFiles("item,domain,reverse\nD1_01,D1,0\nD1_02,D1,0\n", "D1_01,D1_02,,\n1,2,,\n2,3,,\n4,4,,\n", group: null);
        Assert.True(exit == 0, error);
    }

    [Fact]
    public void Analyze_BadKeysFile_NamesTheKeysFile()
    {
        var (exit, output, error) = RunOnFiles("item,domain,reverse\nD1_01,D1,maybe\n", "D1_01\n1\n", group: null);
        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Contains("keys.csv, line 2, column 3: reverse must be 1 or 0, not 'maybe'", error, StringComparison.Ordinal);
    }
}
