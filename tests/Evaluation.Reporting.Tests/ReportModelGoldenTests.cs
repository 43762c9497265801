using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Evaluation.Instruments;
using Evaluation.Scoring;
using Evaluation.Scoring.Disclosure;

namespace Evaluation.Reporting.Tests;

/// <summary>
/// The whole report model, from fixed fixture data with every section present (two earlier waves, participation,
/// capacity assessments, small cells), against golden JSON committed under Golden/. After a deliberate change,
/// rewrite them with <c>UPDATE_GOLDEN=1 dotnet test tests/Evaluation.Reporting.Tests</c> and read the diff.
/// </summary>
public class ReportModelGoldenTests
{
    private static readonly InstrumentCatalog Catalog = InstrumentLoader.LoadDirectory(RepositoryPaths.Instruments).Catalog!;
    private static readonly SurveyInstrument Instrument = Catalog.FindSurvey("social-climate", "1")!.Content;
    private static readonly string[] Circles = ["north", "south", "east"];
    private static readonly string[] Modes = ["self", "assisted", "proxy", "interviewer", "paper"];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly string[] Groups = Instrument.StakeholderGroups.Select(g => g.Id).ToArray();

    /// <summary>A wave of answers drawn around <paramref name="level"/>: north and south large, east with 3 people (suppressed).</summary>
    private static SurveyScores Wave(int seed, double level) => Scored(Responses(seed, level));

    private static ResponseMatrix Matrix(List<ResponseAnswers> responses) => ResponseMatrix.From(Instrument, responses, Circles, Groups, Modes);

    private static SurveyScores Scored(List<ResponseAnswers> responses)
    {
        // Personal invitations answered: 22 by north's care workers, 9 by south's.
        var used = new int[Circles.Length * Groups.Length];
        (used[Array.IndexOf(Groups, "care-worker")], used[Groups.Length + Array.IndexOf(Groups, "care-worker")]) = (22, 9);
        return SurveyScorer.Score(Instrument, Matrix(responses), new DisclosureControl(), invitationsUsed: used);
    }

    /// <summary>
    /// The change of the same people: north's first 24 of each wave answered both with their panel code. The people
    /// around them are no small group, so it is released, and indicative only (fewer than 30 pairs).
    /// </summary>
    private static IReadOnlyList<DomainPanelChange> SamePeople(List<ResponseAnswers> winter, List<ResponseAnswers> spring, SurveyScores winterScores,
        SurveyScores springScores)
    {
        List<ResponseAnswers> FirstOfNorth(List<ResponseAnswers> wave) => wave.Where(r => r.CircleId == "north").Take(24).ToList();
        return SurveyScorer.ComparePanel(Instrument, (Matrix(winter), winterScores), (Matrix(spring), springScores),
            Matrix(FirstOfNorth(winter)), Matrix(FirstOfNorth(spring)), new DisclosureControl());
    }

    private static List<ResponseAnswers> Responses(int seed, double level)
    {
        var random = new Random(seed);
        var groups = Instrument.StakeholderGroups.Select(g => g.Id).ToList();
        var responses = new List<ResponseAnswers>();
        foreach (var (circle, count) in new[] { ("north", 40), ("south", 25), ("east", 3) })
        {
            for (var i = 0; i < count; i++)
            {
                var group = groups[random.Next(2)]; // care workers and people drawing on care
                var mode = i % 7 == 0 ? "assisted" : "self";
                var answers = Instrument.Items.Where(item => item.IsShownTo(group)).ToDictionary(item => item.Id,
                    _ => random.Next(10) == 0 ? null : (int?)Math.Clamp((int)Math.Round(level + random.NextDouble() * 2.4 - 1.2), 1, 5));
                responses.Add(new ResponseAnswers(circle, group, mode, answers));
            }
        }
        return responses;
    }

    internal static ReportInput FullInput(string language)
    {
        var (autumn, winterAnswers, springAnswers) = (Wave(1, 2.6), Responses(2, 3.0), Responses(3, 3.6));
        var (winter, spring) = (Scored(winterAnswers), Scored(springAnswers));
        var tool = Catalog.CapacityAssessments.First().Content;
        IReadOnlyDictionary<string, int> Ratings(int shift) => tool.Capacities.Select((c, i) => (c.Id, 1 + ((i + shift) % tool.Levels.Count)))
            .ToDictionary(p => p.Id, p => p.Item2);
        return new ReportInput(Instrument, Catalog.TheoryOfChangeFor(Instrument), spring, "Golden Co-op", "Spring wave",
            new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), new Dictionary<string, string> { ["north"] = "North", ["south"] = "South", ["east"] = "East" },
            new DateOnly(2026, 4, 2), language,
            new DataSnapshot(68, new string('a', 64)),
            new EarlierWave("Winter wave", SurveyScorer.Compare(Instrument, winter, spring), winter, SamePeople(winterAnswers, springAnswers, winter, spring)),
            [new("north", "care-worker", 30), new("south", "care-worker", 10)],
            [new TrendWave("Autumn wave", autumn.Domains.ToDictionary(d => d.DomainId, d => d.Overall)),
                new TrendWave("Winter wave", winter.Domains.ToDictionary(d => d.DomainId, d => d.Overall))],
            new CapacityInput(tool, [new PartnerAssessments("Carers' forum", "North",
                [(new DateOnly(2025, 9, 1), Ratings(0)), (new DateOnly(2026, 3, 10), Ratings(1))])]));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("cy")]
    public void ReportModel_FromTheFixture_MatchesItsGoldenJson(string language) =>
        AssertGolden($"report-model.{language}.json", ReportBuilder.Build(FullInput(language)));

    [Theory]
    [InlineData("en")]
    [InlineData("cy")]
    public void DashboardModel_OfALargeCircle_MatchesItsGoldenJson(string language) =>
        AssertGolden($"dashboard-model.north.{language}.json", ReportBuilder.BuildDashboard(FullInput(language), "north"));

    [Fact]
    public void Dashboard_OfACircleOfThree_WithholdsEveryFigureOfItsOwn_FactorsIncluded()
    {
        var dashboard = ReportBuilder.BuildDashboard(FullInput("en"), "east");

        Assert.All(dashboard.Domains, domain =>
        {
            Assert.Equal(CellStatus.Suppressed, domain.Circle.Score.Status);
            Assert.Null(domain.Meaning);
            var (own, everyone) = (domain.Factors.Where((_, i) => i % 2 == 0).ToList(), domain.Factors.Where((_, i) => i % 2 == 1).ToList());
            Assert.All(own, f => Assert.Equal((CellStatus.Suppressed, "Not shown: fewer than 5 responses"), (f.Score.Status, f.Display)));
            Assert.All(everyone, f => Assert.Equal(CellStatus.Released, f.Score.Status));
            Assert.Equal(Instrument.FindDomain(domain.Id)!.Factors.Count * 2, domain.FactorChart.Rows.Count);
        });
    }

    private static void AssertGolden(string name, object model)
    {
        var json = JsonSerializer.Serialize(model, Json) + "\n";
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Evaluation.Reporting.Tests", "Golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, json);
        }
        Assert.True(File.Exists(path), $"{path} is missing: write it with UPDATE_GOLDEN=1 and read it before committing.");
        Assert.Equal(File.ReadAllText(path), json);
    }
}
