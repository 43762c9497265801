using System.Text;
using System.Text.Json.Nodes;

namespace Evaluation.Instruments.Tests;

/// <summary>Deliberately broken copies of the shipped files: every problem is reported, each with its JSON path.</summary>
public class BrokenInstrumentTests
{
    private static readonly string SurveyFile = "social-climate.v1.json";
    private static readonly string TheoryFile = "theory-of-change.v1.json";
    private static readonly string CapacityFile = "co-production-capacity.v1.json";

    private static JsonNode Shipped(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Instruments, file)))!;

    private static IReadOnlyList<InstrumentProblem> Load(JsonNode? survey = null, JsonNode? theory = null, JsonNode? capacity = null)
    {
        var result = InstrumentLoader.Load(
        [
            (SurveyFile, Encoding.UTF8.GetBytes((survey ?? Shipped(SurveyFile)).ToJsonString())),
            (TheoryFile, Encoding.UTF8.GetBytes((theory ?? Shipped(TheoryFile)).ToJsonString())),
            (CapacityFile, Encoding.UTF8.GetBytes((capacity ?? Shipped(CapacityFile)).ToJsonString())),
        ]);
        Assert.Equal(result.Problems.Count == 0, result.Catalog is not null);
        return result.Problems;
    }

    private static void AssertProblem(IReadOnlyList<InstrumentProblem> problems, string file, string path, string messagePart) =>
        Assert.True(problems.Any(p => p.File == file && p.Path == path && p.Message.Contains(messagePart, StringComparison.Ordinal)),
            $"Expected {file}: {path}: …{messagePart}… in:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

    [Fact]
    public void Load_UnchangedCopies_HaveNoProblems() => Assert.Empty(Load());

    [Fact]
    public void Load_DuplicateItemId_NamesTheSecondItem()
    {
        var survey = Shipped(SurveyFile);
        var items = survey["domains"]![0]!["factors"]![0]!["items"]!;
        items[1]!["id"] = items[0]!["id"]!.GetValue<string>();
        AssertProblem(Load(survey), SurveyFile, "$.domains[0].factors[0].items[1].id", "duplicate id");
    }

    [Fact]
    public void Load_UnknownStakeholderGroupOnItem_IsReported()
    {
        var survey = Shipped(SurveyFile);
        survey["domains"]![1]!["factors"]![0]!["items"]![0]!["groups"] = new JsonArray("care-worker", "landlord");
        AssertProblem(Load(survey), SurveyFile, "$.domains[1].factors[0].items[0].groups[1]", "unknown stakeholder group 'landlord'");
    }

    [Fact]
    public void Load_BandGap_IsReported()
    {
        var survey = Shipped(SurveyFile);
        survey["bands"]![1]!["from"]!["value"] = 2.6;
        AssertProblem(Load(survey), SurveyFile, "$.bands[1].from", "gap: scores between 2.5 and 2.6");
    }

    [Fact]
    public void Load_BandOverlap_IsReported()
    {
        var survey = Shipped(SurveyFile);
        survey["bands"]![0]!["to"]!["inclusive"] = true;
        AssertProblem(Load(survey), SurveyFile, "$.bands[1].from", "overlap: a score of 2.5 would fall in both 'low' and 'medium'");
    }

    [Fact]
    public void Load_BandsNotReachingTheTopOfTheScale_IsAGap()
    {
        var survey = Shipped(SurveyFile);
        survey["bands"]![2]!["to"] = new JsonObject { ["value"] = 4.5, ["inclusive"] = true };
        AssertProblem(Load(survey), SurveyFile, "$.bands[2].to", "gap: scores from 4.5 up to 5");
    }

    [Fact]
    public void Load_MissingWelsh_NamesTheLanguage()
    {
        var survey = Shipped(SurveyFile);
        survey["domains"]![2]!["title"]!.AsObject().Remove("cy");
        AssertProblem(Load(survey), SurveyFile, "$.domains[2].title.cy", "missing translation (cy)");
    }

    [Fact]
    public void Load_ScaleLabelOutsideTheScale_IsReported()
    {
        var survey = Shipped(SurveyFile);
        survey["scale"]!["labels"]![4]!["value"] = 6;
        var problems = Load(survey);
        AssertProblem(problems, SurveyFile, "$.scale.labels[4].value", "6 is outside the scale 1–5");
        AssertProblem(problems, SurveyFile, "$.scale.labels", "value 5 has no label");
    }

    [Fact]
    public void Load_LicensedBlockOnByDefault_IsRefused()
    {
        var survey = Shipped(SurveyFile);
        survey["licensedBlocks"]![0]!["enabledByDefault"] = true;
        AssertProblem(Load(survey), SurveyFile, "$.licensedBlocks[0].enabledByDefault", "off by default");
    }

    [Fact]
    public void Load_NarrativeMissingForABand_IsReported()
    {
        var survey = Shipped(SurveyFile);
        survey["domains"]![0]!["narratives"]!.AsObject().Remove("high");
        AssertProblem(Load(survey), SurveyFile, "$.domains[0].narratives", "no narrative for band 'high'");
    }

    [Fact]
    public void Load_TheoryOfChangeEvidenceForUnknownIds_IsReportedInTheTheoryFile()
    {
        var theory = Shipped(TheoryFile);
        theory["outcomes"]![0]!["evidence"] = new JsonArray(new JsonObject { ["factor"] = "happiness" }, new JsonObject { ["domain"] = "joy" });
        var problems = Load(theory: theory);
        AssertProblem(problems, TheoryFile, "$.outcomes[0].evidence[0].factor", "unknown factor 'happiness'");
        AssertProblem(problems, TheoryFile, "$.outcomes[0].evidence[1].domain", "unknown domain 'joy'");
    }

    [Fact]
    public void Load_TheoryOfChangeNamingAMissingInstrumentVersion_IsReported()
    {
        var theory = Shipped(TheoryFile);
        theory["instrument"]!["version"] = "9";
        AssertProblem(Load(theory: theory), TheoryFile, "$.instrument", "no valid survey instrument 'social-climate' version '9'");
    }

    [Fact]
    public void Load_CapacityMissingALevelDescriptor_IsReported()
    {
        var capacity = Shipped(CapacityFile);
        capacity["capacities"]![3]!["descriptors"]!.AsArray().RemoveAt(3);
        AssertProblem(Load(capacity: capacity), CapacityFile, "$.capacities[3].descriptors", "no descriptor for level 4");
    }

    [Fact]
    public void Load_SeveralProblemsInSeveralFiles_ReportsThemAllAtOnce()
    {
        var survey = Shipped(SurveyFile);
        survey["domains"]![0]!["factors"]![1]!["id"] = "learning-access";
        survey["bands"]![2]!["from"]!["value"] = 3.7;
        survey["stakeholderGroups"]![0]!["title"]!.AsObject().Remove("en");
        var theory = Shipped(TheoryFile);
        theory["dimensions"]![0]!["outputs"]![0]!["outcomes"] = new JsonArray("world-peace");

        var problems = Load(survey, theory);

        AssertProblem(problems, SurveyFile, "$.domains[0].factors[1].id", "duplicate id 'learning-access'");
        AssertProblem(problems, SurveyFile, "$.bands[2].from", "gap");
        AssertProblem(problems, SurveyFile, "$.stakeholderGroups[0].title.en", "missing translation (en)");
        AssertProblem(problems, TheoryFile, "$.dimensions[0].outputs[0].outcomes[0]", "unknown outcome 'world-peace'");
    }

    [Fact]
    public void Load_UnknownProperty_IsReportedWithItsPath()
    {
        var survey = Shipped(SurveyFile);
        survey["domains"]![0]!["colour"] = "green";
        var problem = Assert.Single(Load(survey), p => p.File == SurveyFile);
        Assert.StartsWith("$.domains[0]", problem.Path, StringComparison.Ordinal);
        Assert.Contains("colour", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralStructuralProblemsInOneFile_AreAllReported()
    {
        var survey = Shipped(SurveyFile);
        survey["domains"]![0]!["colour"] = "green";                                  // unknown property
        survey["scale"]!["min"] = "one";                                              // wrong type
        survey["domains"]![1]!["factors"]![0]!.AsObject().Remove("title");            // missing required
        survey["domains"]![2]!["factors"]![0]!["items"]![0]!["reverse"] = null;       // null where not allowed
        survey["bands"]![0]!["title"] = "Low";                                        // a string where a text belongs

        var problems = Load(survey).Where(p => p.File == SurveyFile).ToList();

        AssertProblem(problems, SurveyFile, "$.domains[0].colour", "unknown property 'colour'");
        AssertProblem(problems, SurveyFile, "$.scale.min", "must be a whole number, not a string");
        AssertProblem(problems, SurveyFile, "$.domains[1].factors[0]", "missing required property 'title'");
        AssertProblem(problems, SurveyFile, "$.domains[2].factors[0].items[0].reverse", "must not be null");
        AssertProblem(problems, SurveyFile, "$.bands[0].title", "must be a text");
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void Load_UnknownPropertyAndContentProblems_AreReportedTogether()
    {
        var survey = Shipped(SurveyFile);
        survey["domains"]![0]!["colour"] = "green";
        survey["bands"]![1]!["from"]!["value"] = 2.6;
        var problems = Load(survey);
        AssertProblem(problems, SurveyFile, "$.domains[0].colour", "unknown property 'colour'");
        AssertProblem(problems, SurveyFile, "$.bands[1].from", "gap");
        Assert.DoesNotContain(problems, p => p.File == TheoryFile); // the theory still finds its survey
    }

    [Fact]
    public void Load_MalformedJson_IsReportedWithItsLine()
    {
        var result = InstrumentLoader.Load([("broken.json", Encoding.UTF8.GetBytes("{\n  \"kind\": \"survey\",\n  \"id\": \n}"))]);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("broken.json", problem.File);
        Assert.Contains("line", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateJsonKey_IsRefused()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Instruments, SurveyFile));
        var doubled = text.Replace("\"version\": \"1\",", "\"version\": \"1\",\n  \"version\": \"2\",", StringComparison.Ordinal);
        Assert.NotEqual(text, doubled);
        var result = InstrumentLoader.Load([(SurveyFile, Encoding.UTF8.GetBytes(doubled))]);
        Assert.Contains(result.Problems, p => p.Message.Contains("version", StringComparison.OrdinalIgnoreCase));
        Assert.Null(result.Catalog);
    }

    [Fact]
    public void Load_InvalidUtf8_IsAProblemNotACrash()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"kind\": \"survey\", \"id\": \"x\"}");
        bytes[3] = 0xFF; // inside the property name "kind"
        var problem = Assert.Single(InstrumentLoader.Load([("bad.json", bytes)]).Problems);
        Assert.Contains("not valid UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileWithAByteOrderMark_IsRead()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Shipped(SurveyFile).ToJsonString())).ToArray();
        var result = InstrumentLoader.Load([(SurveyFile, bytes)]);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData(1, 2147483647)]
    [InlineData(0, 200000)]
    [InlineData(1, 12)]
    public void Load_ImplausiblyWideScale_IsOneProblem(int min, int max)
    {
        var survey = Shipped(SurveyFile);
        survey["scale"]!["min"] = min;
        survey["scale"]!["max"] = max;
        var problems = Load(survey).Where(p => p.Path.StartsWith("$.scale", StringComparison.Ordinal)).ToList();
        Assert.Contains("2 to 11 points", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BandLimitOutsideTheScale_IsReported()
    {
        var survey = Shipped(SurveyFile);
        survey["bands"]![2]!["to"] = new JsonObject { ["value"] = 1e30, ["inclusive"] = true };
        AssertProblem(Load(survey), SurveyFile, "$.bands[2].to.value", "outside the scale 1–5");
    }

    [Fact]
    public void Load_WelshDroppedEverywhere_IsRefused()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Instruments, SurveyFile));
        var survey = JsonNode.Parse(System.Text.RegularExpressions.Regex.Replace(text, ",\\s*\"cy\": \"(?:[^\"\\\\]|\\\\.)*\"", ""))!;
        survey["languages"] = new JsonArray("en");
        survey["translations"] = new JsonObject();
        var problems = Load(survey).Where(p => p.File == SurveyFile).ToList();
        AssertProblem(problems, SurveyFile, "$.languages", "'cy' is required");
    }

    [Fact]
    public void Load_WelshWithoutATranslationStatus_IsRefused()
    {
        var survey = Shipped(SurveyFile);
        survey["translations"] = new JsonObject();
        AssertProblem(Load(survey), SurveyFile, "$.translations", "translations.cy.status");
    }

    [Fact]
    public void Load_GroupListedTwiceOnAnItem_IsReported()
    {
        var survey = Shipped(SurveyFile);
        survey["domains"]![0]!["factors"]![0]!["items"]![0]!["groups"] = new JsonArray("care-worker", "care-worker");
        AssertProblem(Load(survey), SurveyFile, "$.domains[0].factors[0].items[0].groups[1]", "listed twice");
    }

    [Fact]
    public void Load_TheSameIdAndVersionInTwoKindsOfFile_IsRefused()
    {
        var theory = Shipped(TheoryFile);
        theory["id"] = "social-climate";
        AssertProblem(Load(theory: theory), TheoryFile, "$.version", "also used by social-climate.v1.json");
    }

    [Fact]
    public void Load_NumberTooLargeForAWholeNumber_SaysSo()
    {
        var survey = Shipped(SurveyFile);
        survey["scale"]!["max"] = 2147483648L;
        AssertProblem(Load(survey), SurveyFile, "$.scale.max", "between");
    }

    [Fact]
    public void Load_EmptyLists_AreRefused()
    {
        var survey = Shipped(SurveyFile);
        survey["domains"] = new JsonArray();
        var capacity = Shipped(CapacityFile);
        capacity["capacities"] = new JsonArray();
        var problems = Load(survey, capacity: capacity);
        AssertProblem(problems, SurveyFile, "$.domains", "at least one domain");
        AssertProblem(problems, CapacityFile, "$.capacities", "at least one capacity");
    }

    [Fact]
    public void LoadDirectory_MissingFolder_IsAProblemNotAnException()
    {
        var result = InstrumentLoader.LoadDirectory(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString()));
        Assert.Null(result.Catalog);
        Assert.Contains("does not exist", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }
}
