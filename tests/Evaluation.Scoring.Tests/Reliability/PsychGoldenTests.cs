using System.Globalization;
using System.Text.Json.Nodes;
using Evaluation.Scoring.Reliability;

namespace Evaluation.Scoring.Tests.Reliability;

/// <summary>
/// Alpha against psych::alpha (R 4.2.2, psych 2.2.9) on committed fixtures; see Fixtures/psych/make-fixtures.sh
/// for the exact commands. Closed-form values agree to 1e-10. R is not needed to run these tests.
/// </summary>
public class PsychGoldenTests
{
    private const double Tolerance = 1e-10;

    private static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "Evaluation.Scoring.Tests", "Fixtures", "psych");

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (fixture, items, keys) in new[]
                 {
                     ("normal", "items.csv", "keys.csv"), ("tiny", "tiny-items.csv", "tiny-keys.csv"),
                     ("pair", "pair-items.csv", "pair-keys.csv"), ("constant", "constant-items.csv", "constant-keys.csv"),
                 })
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, fixture + ".json")))!;
            foreach (var group in json["groups"]!.AsObject())
            {
                foreach (var domain in group.Value!.AsObject().Where(d => d.Value!["alpha_pairwise"] is not null))
                {
                    data.Add($"{fixture}|{items}|{keys}", group.Key, domain.Key);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_Pairwise_MatchesPsychAlpha(string fixture, string group, string domain)
    {
        var (block, ids, rows) = Load(fixture, group, domain, "alpha_pairwise");
        var expected = block!;
        var actual = Alpha.Compute(ids, rows);

        Assert.Equal(ReliabilityStatus.Estimated, actual.Status);
        Assert.Equal(expected["n_rows"]!.GetValue<int>(), actual.Respondents);
        Close(expected["raw_alpha"], actual.RawAlpha, "raw_alpha");
        Close(expected["std_alpha"], actual.StandardizedAlpha, "std_alpha");
        Close(expected["G6_smc"], actual.G6, "G6");
        Close(expected["average_r"], actual.AverageR, "average_r");
        Close(expected["median_r"], actual.MedianR, "median_r");
        Close(expected["var_r"], actual.VarianceR, "var_r");
        Close(expected["S_N"], actual.SignalToNoise, "S/N");
        Close(expected["ase"], actual.Ase, "ase");
        Close(expected["scale_mean"], actual.ScaleMean, "mean");
        Close(expected["scale_sd"], actual.ScaleSd, "sd");
        Close(expected["feldt95"]![0], actual.Feldt95?.Lower, "feldt lower");
        Close(expected["feldt95"]![1], actual.Feldt95?.Upper, "feldt upper");
        Close(expected["duhachek95"]![0], actual.Duhachek95?.Lower, "duhachek lower");
        Close(expected["duhachek95"]![1], actual.Duhachek95?.Upper, "duhachek upper");

        var expectedItems = expected["items"]!.AsArray();
        Assert.Equal(expectedItems.Select(i => i!["item"]!.GetValue<string>()), actual.ItemStatistics.Select(i => i.Id));
        foreach (var (e, a) in expectedItems.Zip(actual.ItemStatistics))
        {
            Assert.Equal(e!["n"]!.GetValue<double>(), a.N);
            Close(e["mean"], a.Mean, a.Id + " mean");
            Close(e["sd"], a.Sd, a.Id + " sd");
            Close(e["raw_r"], a.RawR, a.Id + " raw.r");
            Close(e["std_r"], a.StdR, a.Id + " std.r");
            Close(e["r_cor"], a.RCor, a.Id + " r.cor");
            Close(e["r_drop"], a.RDrop, a.Id + " r.drop");
            Close(e["alpha_if_dropped"], a.AlphaIfDropped, a.Id + " alpha if dropped");
            Close(e["std_alpha_if_dropped"], a.StdAlphaIfDropped, a.Id + " std alpha if dropped");
            Close(e["G6_if_dropped"], a.G6IfDropped, a.Id + " G6 if dropped");
            Close(e["average_r_if_dropped"], a.AverageRIfDropped, a.Id + " average r if dropped");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_Listwise_MatchesPsychOnCompleteCases(string fixture, string group, string domain)
    {
        var (expected, ids, rows) = Load(fixture, group, domain, "alpha_listwise");
        if (expected is null)
        {
            return; // alpha-only fixtures (the constant item) carry no listwise block
        }
        var actual = Alpha.Compute(ids, rows, listwise: true);
        Assert.Equal(expected["n_complete"]!.GetValue<int>(), actual.Respondents);
        Close(expected["raw_alpha"], actual.RawAlpha, "raw_alpha");
        Close(expected["std_alpha"], actual.StandardizedAlpha, "std_alpha");
        Close(expected["feldt95"]![0], actual.Feldt95?.Lower, "feldt lower");
        Close(expected["feldt95"]![1], actual.Feldt95?.Upper, "feldt upper");
        var rDrop = expected["r_drop"]!.AsArray();
        Assert.Equal(rDrop.Count, actual.ItemStatistics.Count);
        foreach (var (e, a) in rDrop.Zip(actual.ItemStatistics))
        {
            Close(e, a.RDrop, a.Id + " r.drop");
        }
        foreach (var (e, a) in expected["alpha_if_dropped"]!.AsArray().Zip(actual.ItemStatistics))
        {
            Close(e, a.AlphaIfDropped, a.Id + " alpha if dropped");
        }
    }

    [Fact]
    public void Compute_ConstantItem_IsLeftOutAsPsychDoes()
    {
        var (_, ids, rows) = Load("constant|constant-items.csv|constant-keys.csv", "1", "D2", "alpha_pairwise");
        var result = Alpha.Compute(ids, rows);
        Assert.Equal(["D2_05"], result.ConstantItemsLeftOut);
        Assert.Equal(7, result.Items);
    }

    private static (JsonNode? Expected, List<string> Ids, List<double?[]> Rows) Load(string fixture, string group, string domain, string block)
    {
        var parts = fixture.Split('|');
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, parts[0] + ".json")))!;
        var expected = json["groups"]![group]![domain]![block];
        var keys = ReadCsv(Path.Combine(Folder, parts[2])).Where(k => k["domain"] == domain).ToList();
        var ids = keys.Select(k => k["reverse"] == "1" ? k["item"] + "-" : k["item"]).ToList();
        var rows = ReadCsv(Path.Combine(Folder, parts[1]))
            .Where(r => r["wave"] == group)
            .Select(r => keys.Select(k => r[k["item"]] is { Length: > 0 } text
                ? (double?)(k["reverse"] == "1" ? 6 - double.Parse(text, CultureInfo.InvariantCulture) : double.Parse(text, CultureInfo.InvariantCulture))
                : null).ToArray())
            .ToList();
        return (expected, ids, rows);
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }

    private static void Close(JsonNode? expected, double? actual, string what)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: R gives NA, we give {actual}");
            return;
        }
        var value = expected.GetValue<double>();
        Assert.True(actual is not null, $"{what}: R gives {value}, we give null");
        Assert.True(Math.Abs(value - actual!.Value) <= Tolerance * Math.Max(1, Math.Abs(value)),
            $"{what}: R {value.ToString("R", CultureInfo.InvariantCulture)}, we {actual.Value.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
