namespace Evaluation.Instruments.Tests;

public class ShippedInstrumentTests
{
    private static readonly InstrumentCatalog Catalog = LoadShipped();

    private static InstrumentCatalog LoadShipped()
    {
        var result = InstrumentLoader.LoadDirectory(RepositoryPaths.Instruments);
        Assert.True(result.Catalog is not null, string.Join(Environment.NewLine, result.Problems));
        return result.Catalog;
    }

    private static SurveyInstrument SocialClimate => Catalog.FindSurvey("social-climate", "1")!.Content;

    [Fact]
    public void LoadDirectory_EveryShippedFile_LoadsWithoutProblems()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Instruments, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Count();
        Assert.Equal(files, Catalog.Surveys.Count + Catalog.TheoriesOfChange.Count + Catalog.CapacityAssessments.Count);
    }

    [Fact]
    public void SocialClimate_CoversEveryFactorOfTheDomainBrief()
    {
        // Domain and factor ids from ../shared/domain.md section 2.
        var expected = new Dictionary<string, string[]>
        {
            ["growth"] = ["learning-access", "influence", "self-reliance", "voice", "continuous-learning"],
            ["wellbeing"] = ["wellbeing-levels", "caregiving-relationships", "group-cohesion", "community-belonging"],
            ["coproduction"] = ["inclusive-decisions", "stakeholder-involvement", "consent-governance", "transparency", "adaptability"],
        };
        Assert.Equal(expected.Keys, SocialClimate.Domains.Select(d => d.Id));
        foreach (var domain in SocialClimate.Domains)
        {
            Assert.Equal(expected[domain.Id], domain.Factors.Select(f => f.Id));
        }
    }

    [Fact]
    public void SocialClimate_HasEnoughItemsReverseKeysAndVariantsForEveryGroup()
    {
        Assert.True(SocialClimate.Items.Count() >= 24);
        Assert.All(SocialClimate.Domains, domain => Assert.Contains(domain.Factors.SelectMany(f => f.Items), item => item.Reverse));
        Assert.Equal(["drawing-on-care", "family-friends", "care-worker", "circle-member", "volunteer"], SocialClimate.StakeholderGroups.Select(g => g.Id));
        Assert.All(SocialClimate.StakeholderGroups, group =>
            Assert.Contains(SocialClimate.Items, item => item.Variants?.ContainsKey(group.Id) == true));
    }

    [Fact]
    public void SocialClimate_EveryGroupCanScoreEveryFactor()
    {
        foreach (var group in SocialClimate.StakeholderGroups)
        {
            Assert.All(SocialClimate.Domains.SelectMany(d => d.Factors), factor =>
                Assert.True(factor.Items.Count(item => item.IsShownTo(group.Id)) >= 2, $"{factor.Id} shows fewer than 2 items to {group.Id}"));
        }
    }

    [Fact]
    public void SocialClimate_WelshIsMarkedAsDraftAndLicensedBlocksAreOffWithoutItemText()
    {
        Assert.Equal("draft", SocialClimate.Translations["cy"].Status);
        Assert.All(SocialClimate.LicensedBlocks ?? [], block => Assert.False(block.EnabledByDefault));
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Instruments, "social-climate.v1.json"));
        Assert.DoesNotContain("\"items\": [", text[text.IndexOf("\"licensedBlocks\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void TheoryOfChange_HasFourDimensionsAndEvidenceForEveryOutcome()
    {
        var theory = Catalog.TheoryOfChangeFor(SocialClimate)!;
        Assert.Equal(["circles", "platform", "teams", "commons"], theory.Dimensions.Select(d => d.Id));
        Assert.All(theory.Outcomes, outcome => Assert.NotEmpty(outcome.Evidence));
        Assert.Equal(["growth", "wellbeing", "coproduction"], theory.Outcomes.Select(o => o.Domain).Distinct());
    }

    [Fact]
    public void CapacityAssessment_HasTenCapacitiesOnFourLevels()
    {
        var assessment = Assert.Single(Catalog.CapacityAssessments).Content;
        Assert.Equal(10, assessment.Capacities.Count);
        Assert.Equal([1, 2, 3, 4], assessment.Levels.Select(l => l.Value));
        Assert.All(assessment.Capacities, c => Assert.Equal([1, 2, 3, 4], c.Descriptors.Select(d => d.Level)));
    }
}
