using System.Xml.Linq;
using Evaluation.Instruments;
using Evaluation.Scoring;
using Evaluation.Scoring.Disclosure;

namespace Evaluation.Reporting.Tests;

public class ReportBuilderTests
{
    private static readonly InstrumentCatalog Catalog = InstrumentLoader.LoadDirectory(RepositoryPaths.Instruments).Catalog!;
    private static readonly SurveyInstrument Instrument = Catalog.FindSurvey("social-climate", "1")!.Content;

    /// <summary>Responses whose every keyed answer equals <paramref name="keyed"/>.</summary>
    private static IEnumerable<ResponseAnswers> Responses(string circle, string group, int keyed, int count, string mode = "self") =>
        Enumerable.Range(0, count).Select(_ => new ResponseAnswers(circle, group, mode,
            Instrument.Items.Where(i => i.IsShownTo(group)).ToDictionary(i => i.Id, i => (int?)(i.Reverse ? 6 - keyed : keyed))));

    /// <summary>The change from one wave of responses (in circles north and south) to another.</summary>
    private static IReadOnlyList<DomainChange> Changes(IReadOnlyList<ResponseAnswers> earlier, IReadOnlyList<ResponseAnswers> later)
    {
        SurveyScores Score(IReadOnlyList<ResponseAnswers> wave) => SurveyScorer.Score(Instrument, wave, ["north", "south"],
            Instrument.StakeholderGroups.Select(g => g.Id).ToList(), ["self", "assisted", "proxy", "interviewer", "paper"], new DisclosureControl());
        return SurveyScorer.Compare(Instrument, Score(earlier), Score(later));
    }

    internal static ReportInput Input(string language = "en")
    {
        var responses = Responses("north", "care-worker", 4, 8)
            .Concat(Responses("south", "drawing-on-care", 2, 7, "assisted"))
            .Concat(Responses("south", "volunteer", 5, 3)).ToList();
        var scores = SurveyScorer.Score(Instrument, responses, ["north", "south"], Instrument.StakeholderGroups.Select(g => g.Id).ToList(),
            ["self", "assisted", "proxy", "interviewer", "paper"], new DisclosureControl());
        return new ReportInput(Instrument, Catalog.TheoryOfChangeFor(Instrument), scores, "Test Co-op", "Spring wave",
            new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), new Dictionary<string, string> { ["north"] = "North", ["south"] = "South" },
            new DateOnly(2026, 4, 2), language);
    }

    [Fact]
    public void Build_TitlePage_HasTheSurveyFactsAndWrittenDates()
    {
        var title = ReportBuilder.Build(Input()).TitlePage;
        Assert.Equal("Spring wave", title.SurveyTitle);
        Assert.Equal("1 March 2026 – 31 March 2026", title.Period);
        Assert.Equal("2 April 2026", title.GeneratedOn);
        Assert.Equal("social-climate v1", title.InstrumentVersion);
        Assert.Equal("18", title.Responses);
        Assert.Null(title.TranslationNote);
    }

    [Fact]
    public void Build_Domain_UsesTheNarrativeOfTheOverallBand()
    {
        var growth = ReportBuilder.Build(Input()).Domains[0];
        // (8 × 4 + 7 × 2 + 3 × 5) / 18 = 3.39: medium.
        Assert.Equal("medium", growth.Overall.Score.BandId);
        Assert.Equal(Instrument.Domains[0].Narratives["medium"].Meaning.In("en"), growth.Meaning);
        Assert.Equal(Instrument.Domains[0].Narratives["medium"].Action.In("en"), growth.Action);
        Assert.StartsWith("3.39 (", growth.Overall.Display, StringComparison.Ordinal);
        Assert.EndsWith(", Medium, n = 18", growth.Overall.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BandDistribution_IsShownOnlyWhenEveryBandIsEmptyOrHoldsFive()
    {
        // Growth: 8 workers high, 7 people drawing on care low, 3 volunteers high → Low 7, Medium 0, High 11.
        Assert.Equal("Low 7 (39%) · Medium 0 (0%) · High 11 (61%)", ReportBuilder.Build(Input()).Domains[0].BandDistribution);
        var small = Input() with
        {
            Scores = SurveyScorer.Score(Instrument, Responses("north", "care-worker", 4, 6).Concat(Responses("north", "care-worker", 2, 2)).ToList(),
            ["north", "south"], ["care-worker"], ["self"], new DisclosureControl())
        };
        Assert.Equal("Not shown: a band holds fewer than 5 people", ReportBuilder.Build(small).Domains[0].BandDistribution);
    }

    [Theory]
    [InlineData(2.495, "low", "2.49")]
    [InlineData(3.495, "medium", "3.49")]
    [InlineData(2.5, "medium", "2.50")]
    [InlineData(2.504, "medium", "2.50")]
    [InlineData(3.126, "medium", "3.13")]
    public void Build_DisplayedMean_NeverRoundsIntoAnotherBand(double mean, string band, string shown)
    {
        var cell = new ScoreCell(CellStatus.Released, 200, mean, 0.5, 0.5 / Math.Sqrt(200), new Interval(mean - 0.1, mean + 0.1), band, null);
        var scores = Input().Scores;
        var input = Input() with { Scores = scores with { Domains = [scores.Domains[0] with { Overall = cell }, .. scores.Domains.Skip(1)] } };
        var figure = ReportBuilder.Build(input).Domains[0].Overall;
        Assert.Equal(shown, figure.Mean);
        Assert.StartsWith(shown + " (", figure.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SuppressedGroups_ShowNoNumbers()
    {
        var growth = ReportBuilder.Build(Input()).Domains[0];
        var volunteers = growth.ByStakeholderGroup.Single(f => f.Label == "Volunteers");
        Assert.Equal(CellStatus.Suppressed, volunteers.Score.Status);
        Assert.Equal("Not shown: fewer than 5 responses", volunteers.Display);
        Assert.Null(volunteers.Score.Mean);
        var chartRow = growth.Chart.Rows.Single(r => r.Label == "Volunteers");
        Assert.Null(chartRow.Mean);
        Assert.Equal("Not shown: fewer than 5 responses", chartRow.Note);
    }

    [Fact]
    public void Build_Perspectives_FollowEachGroupsOwnBand()
    {
        var growth = ReportBuilder.Build(Input()).Domains[0];
        var workers = growth.Perspectives.Single(p => p.Group == "Care and support workers");
        Assert.Equal("High", workers.BandTitle);
        Assert.Equal(Instrument.Domains[0].Narratives["high"].Perspectives!["care-worker"].Meaning.In("en"), workers.Meaning);
    }

    [Fact]
    public void Build_TheoryOfChange_ListsEveryOutcomeWithItsEvidence()
    {
        var model = ReportBuilder.Build(Input());
        var theory = Catalog.TheoryOfChangeFor(Instrument)!;
        Assert.Equal(theory.Outcomes.Count, model.TheoryOfChange!.Outcomes.Count);
        Assert.All(model.TheoryOfChange.Outcomes, o => Assert.NotEmpty(o.Evidence));
        Assert.All(model.TheoryOfChange.Outcomes, o => Assert.NotEmpty(o.Outputs));
    }

    [Fact]
    public void Build_Methods_StateRulesBandsAndSuppressedModes()
    {
        var methods = ReportBuilder.Build(Input()).Methods;
        Assert.Equal(["x < 2.50", "2.50 ≤ x < 3.50", "3.50 ≤ x"], methods.Bands.Select(b => b.Range));
        Assert.Contains(methods.Rules, r => r.Contains("1/2", StringComparison.Ordinal));
        Assert.Contains(methods.Rules, r => r.Contains("2/3", StringComparison.Ordinal));
        Assert.Equal(5, methods.MinimumCellSize);
        // 11 self-completed less North's 8 (all self-completed) would count the 3 volunteers of South.
        const string hidden = "Hidden so that a small group cannot be worked out from other figures";
        Assert.Equal(hidden, methods.CompletionModes.Single(m => m.Label == "Self-completed").Display);
        Assert.Equal(hidden, methods.CompletionModes.Single(m => m.Label == "Assisted").Display);
        Assert.Equal("0", methods.CompletionModes.Single(m => m.Label == "Paper").Display);
    }

    [Fact]
    public void Build_InWelsh_UsesWelshInstrumentTextAndNotesTheDraft()
    {
        var model = ReportBuilder.Build(Input("cy"));
        Assert.Equal("cy", model.Language);
        Assert.Equal("Twf", model.Domains[0].Title);
        Assert.Equal("1 Mawrth 2026 – 31 Mawrth 2026", model.TitlePage.Period);
        Assert.NotNull(model.TitlePage.TranslationNote);
        Assert.Equal("Yn ôl grŵp rhanddeiliaid", model.Strings.ByStakeholderGroup);
    }

    [Fact]
    public void Build_Chart_ShowsEveryoneThenEachGroupInInstrumentOrder()
    {
        var chart = ReportBuilder.Build(Input()).Domains[0].Chart;
        Assert.Equal(["Everyone", .. Instrument.StakeholderGroups.Select(g => g.Title.In("en"))], chart.Rows.Select(r => r.Label));
        Assert.Equal(["low", "medium", "high"], chart.Zones.Select(z => z.Id));
        Assert.Equal((1.0, 2.5), (chart.Zones[0].From, chart.Zones[0].To));
    }

    [Fact]
    public void Build_UnknownLanguage_FallsBackToEnglish() => Assert.Equal("en", ReportBuilder.Build(Input("fr")).Language);

    [Fact]
    public void Participation_ShowsTheWavesDecision_SayingWhyEachHiddenCountIsHidden()
    {
        string[] circles = ["north", "south"];
        var groups = Instrument.StakeholderGroups.Select(g => g.Id).ToList();
        var used = new int[circles.Length * groups.Count];
        used[groups.IndexOf("care-worker")] = 12; // north × care workers
        ReportInput With(IReadOnlyList<ResponseAnswers> responses) => Input() with
        {
            Scores = SurveyScorer.Score(Instrument, ResponseMatrix.From(Instrument, responses, circles, groups, ["self"]), new DisclosureControl(),
                invitationsUsed: used),
            Invitations = [new InvitationsIssued("north", "care-worker", 20)],
        };

        var participation = ReportBuilder.Build(With([.. Responses("north", "care-worker", 4, 14), .. Responses("south", "care-worker", 4, 3),
            .. Responses("north", "volunteer", 4, 9)])).Participation!;

        var byGroup = participation.ByGroup.ToDictionary(r => r.Label);
        Assert.Equal(("20", "17", "60%"), (byGroup["Care and support workers"].Invited, byGroup["Care and support workers"].Responses,
            byGroup["Care and support workers"].Rate));
        Assert.Equal(("–", "9", "–"), (byGroup["Volunteers"].Invited, byGroup["Volunteers"].Responses, byGroup["Volunteers"].Rate));
        var byCircle = participation.ByCircle.ToDictionary(r => r.Label);
        Assert.Equal("fewer than 5", byCircle["South"].Responses); // 3
        Assert.Equal("hidden to protect a small group", byCircle["North"].Responses); // 23: the total less North would give South away
        Assert.Equal(("20", "–"), (byCircle["North"].Invited, byCircle["North"].Rate)); // invitations issued are the service's own figure

        // Two groups of 1 beside 30: the total less the 30 would say the two are 2 people.
        var ones = ReportBuilder.Build(With([.. Responses("north", "care-worker", 4, 1), .. Responses("north", "volunteer", 4, 1),
            .. Responses("north", "circle-member", 4, 30)])).Participation!.ByGroup.ToDictionary(r => r.Label);
        Assert.Equal(["fewer than 5", "fewer than 5", "hidden to protect a small group"],
            new[] { "Care and support workers", "Volunteers", "Circle members" }.Select(label => ones[label].Responses));
    }

    [Fact]
    public void Summary_SaysEachDomainsBandAndItsChangeSinceTheEarlierWave_InPlainWords()
    {
        var earlier = Responses("north", "care-worker", 2, 8).Concat(Responses("south", "care-worker", 3, 8)).ToList();
        var later = Responses("north", "care-worker", 4, 8).Concat(Responses("south", "care-worker", 5, 8)).ToList();
        var changes = Changes(earlier, later);

        var summary = ReportBuilder.Build(Input() with { Earlier = new EarlierWave("Autumn wave", changes) }).Summary!;
        var first = ReportBuilder.Build(Input()).Summary!;

        Assert.Equal("Since Autumn wave", summary.ChangeHeading);
        Assert.All(summary.Rows, row => Assert.Equal("Improved (+2.00 on the scale) (indicative: fewer than 30 people in a wave)", row.Change));
        Assert.Null(first.ChangeHeading);
        Assert.Contains("first wave", first.NoEarlierWave, StringComparison.Ordinal);
        Assert.All(first.Rows, row => Assert.NotNull(row.BandId));
    }

    /// <summary>
    /// Where a panel links the waves, the same people's change stands beside everyone's in the summary, on each domain's
    /// page and on a circle's dashboard (with the circle's own change first), each saying how sure it is and why it is hidden.
    /// </summary>
    [Fact]
    public void SamePeoplesChange_StandsBesideEveryonesChange_InTheSummaryTheDomainPagesAndTheDashboard()
    {
        var earlierAnswers = Responses("north", "care-worker", 1, 4).Concat(Responses("north", "care-worker", 2, 4))
            .Concat(Responses("south", "drawing-on-care", 1, 7, "assisted"))
            .Concat(Responses("south", "volunteer", 3, 3)).ToList();
        var earlierScores = SurveyScorer.Score(Instrument, earlierAnswers, ["north", "south"], Instrument.StakeholderGroups.Select(g => g.Id).ToList(),
            ["self", "assisted", "proxy", "interviewer", "paper"], new DisclosureControl());
        var input = Input();
        var pairs = Enumerable.Range(0, 12).Select(i => (From: 2.0 + i % 3 * 0.25, To: 3.0 + i % 4 * 0.25)).ToList();
        IReadOnlyList<DomainPanelChange> panel =
        [
            new(Instrument.Domains[0].Id, CellStatus.Released, Evaluation.Scoring.Change.PairedChange.Compare(pairs)),
            new(Instrument.Domains[1].Id, CellStatus.Suppressed, null, SuppressionReason.ProtectsSmallGroup),
            new(Instrument.Domains[2].Id, CellStatus.Suppressed, null, SuppressionReason.FewerThanMinimum),
        ];
        input = input with { Earlier = new EarlierWave("Autumn wave", SurveyScorer.Compare(Instrument, earlierScores, input.Scores), earlierScores, panel) };
        string[] samePeople =
        [
            "Improved (+1.13 on the scale), for the 12 people who answered both waves (indicative: fewer than 30 people answered both waves)",
            "Hidden so that a small group cannot be worked out from other figures",
            "Not shown: fewer than 5 people answered both waves",
        ];

        var report = ReportBuilder.Build(input);
        Assert.Equal("The same people", report.Summary!.SamePeopleHeading);
        Assert.Equal(samePeople, report.Summary.Rows.Select(r => r.SamePeopleChange));
        Assert.All(report.Domains, domain =>
        {
            Assert.Equal("Change since Autumn wave", domain.Change!.Heading);
            Assert.Equal(["Everyone", "The same people"], domain.Change.Lines.Select(l => l.Label));
            Assert.Contains("same people", domain.Change.Note, StringComparison.Ordinal);
        });
        Assert.Equal(samePeople, report.Domains.Select(d => d.Change!.Lines[1].Text));

        var dashboard = ReportBuilder.BuildDashboard(input, "north");
        Assert.All(dashboard.Domains, domain => Assert.Equal(["North", "Everyone", "The same people"], domain.Change!.Lines.Select(l => l.Label)));
        Assert.Equal("Improved (+2.50 on the scale) (indicative: fewer than 30 people in a wave)", dashboard.Domains[0].Change!.Lines[0].Text);
        Assert.Equal(samePeople, dashboard.Domains.Select(d => d.Change!.Lines[2].Text));

        // Anonymous waves: no same-people column, line or note; a first wave: no change at all.
        var anonymous = ReportBuilder.Build(input with { Earlier = input.Earlier with { PanelChanges = null } });
        Assert.Null(anonymous.Summary!.SamePeopleHeading);
        Assert.All(anonymous.Domains, domain => Assert.Equal((1, null), (domain.Change!.Lines.Count, domain.Change.Note)));
        Assert.All(ReportBuilder.BuildDashboard(Input(), "north").Domains, domain => Assert.Null(domain.Change));
    }

    /// <summary>A circle's dashboard says how far its alpha can be trusted: the circle's (8 people, all answering alike) and everyone's.</summary>
    [Fact]
    public void Dashboard_CarriesTheCirclesAndEveryonesReliability_WithWhatNotToMisread()
    {
        var answers = Enumerable.Range(0, 12).SelectMany(i => Responses("north", "care-worker", 1 + i % 5, 1))
            .Concat(Responses("south", "care-worker", 4, 8)).ToList();
        var scores = SurveyScorer.Score(Instrument, answers, ["north", "south"], Instrument.StakeholderGroups.Select(g => g.Id).ToList(),
            ["self", "assisted", "proxy", "interviewer", "paper"], new DisclosureControl());
        var input = Input() with { Scores = scores };

        var south = ReportBuilder.BuildDashboard(input, "south").Domains[0].Reliability;
        var north = ReportBuilder.BuildDashboard(input, "north").Domains[0].Reliability;

        Assert.Equal(["South", "Everyone"], south.Select(l => l.Label));
        Assert.Equal("Alpha could not be worked out here: too few people or questions, or nobody's answers varied.", south[0].Text);
        Assert.Contains("Indicative only: fewer than 30 people answered", north[0].Text, StringComparison.Ordinal);
        Assert.Contains("Indicative only: fewer than 30 people answered", north[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_ShowsEveryWaveOldestFirst_EachWithItsOwnReleasedFigure()
    {
        var autumn = Input().Scores.Domains.ToDictionary(d => d.DomainId, d => d.Overall);
        var model = ReportBuilder.Build(Input() with { Trend = [new TrendWave("Autumn wave", autumn)] });

        Assert.All(model.Domains, domain =>
        {
            Assert.Equal(["Autumn wave", "Spring wave"], domain.Trend!.Rows.Select(r => r.Label));
            Assert.Equal(domain.Overall.Score.Mean, domain.Trend.Rows[1].Mean);
            Assert.Equal(2, domain.TrendFigures!.Count);
        });
        Assert.All(ReportBuilder.Build(Input()).Domains, domain => Assert.Null(domain.Trend));
    }

    [Fact]
    public void TheoryOfChange_GivesEachOutcomeItsDomainsStatus_EachPieceOfEvidenceItsOwn_AndDrawsEveryDimensionToOutcomeLink()
    {
        var earlier = Responses("north", "care-worker", 2, 8).Concat(Responses("south", "care-worker", 3, 8)).ToList();
        var later = Responses("north", "care-worker", 4, 8).Concat(Responses("south", "care-worker", 5, 8)).ToList();
        var changes = Changes(earlier, later);
        var theory = Catalog.TheoryOfChangeFor(Instrument)!;

        var section = ReportBuilder.Build(Input() with { Earlier = new EarlierWave("Autumn wave", changes) }).TheoryOfChange!;
        var first = ReportBuilder.Build(Input()).TheoryOfChange!;

        Assert.All(section.Outcomes, o => Assert.Equal(("improving", "Improving"), (o.StatusId, o.Status)));
        Assert.All(section.Outcomes.SelectMany(o => o.Evidence), e => Assert.Equal(("improving", "Improving"), (e.StatusId, e.Status))); // each factor its own
        Assert.All(first.Outcomes, o => Assert.Equal("insufficient", o.StatusId));
        Assert.All(first.Outcomes.SelectMany(o => o.Evidence), e => Assert.Equal("insufficient", e.StatusId));
        Assert.Contains("Autumn wave", section.StatusBasis, StringComparison.Ordinal);
        var diagram = section.Diagram!;
        Assert.Equal(theory.Dimensions.Count, diagram.Dimensions.Count);
        Assert.Equal(theory.Outcomes.Count, diagram.Outcomes.Count);
        Assert.Equal(theory.Outputs.Sum(o => o.Outcomes.Count), diagram.Links.Sum(l => l.Weight)); // every output → outcome link, counted once

        var svg = Evaluation.Reporting.Charts.TheoryDiagram.Render(diagram, "d");
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("img", svg.Attribute("role")!.Value);
        Assert.Equal(diagram.Title, svg.Element(ns + "title")!.Value);
        Assert.Equal(diagram.Links.Count, svg.Descendants(ns + "line").Count());
        Assert.Equal(theory.Outcomes.Count, svg.Descendants(ns + "text").Count(t => t.Value == "Improving"));
        Assert.Equal(svg.ToString(), Evaluation.Reporting.Charts.TheoryDiagram.Render(diagram, "d").ToString()); // deterministic
    }

    [Fact]
    public void Reliability_SaysWhenItIsIndicativeOnly_AndWarnsWhenItIsBelowZero()
    {
        // 18 people: indicative only.
        Assert.Contains("Indicative only: fewer than 30 people answered", ReportBuilder.Build(Input()).Domains[0].Reliability, StringComparison.Ordinal);

        // Half the questions answered against the other half, by 40 people: alpha below zero, and not indicative.
        var items = Instrument.Domains[0].Factors.SelectMany(f => f.Items).Where(i => i.IsShownTo("care-worker")).ToList();
        var responses = Enumerable.Range(0, 40).Select(r => new ResponseAnswers("north", "care-worker", "self", items.Select((item, i) =>
        {
            var keyed = i % 2 == 0 ? 1 + r % 5 : 5 - r % 5;
            return (item.Id, Value: (int?)(item.Reverse ? 6 - keyed : keyed));
        }).ToDictionary(p => p.Id, p => p.Value))).ToList();
        var scores = SurveyScorer.Score(Instrument, responses, ["north", "south"], Instrument.StakeholderGroups.Select(g => g.Id).ToList(),
            ["self"], new DisclosureControl());
        var reliability = ReportBuilder.Build(Input() with { Scores = scores }).Domains[0].Reliability!;
        Assert.StartsWith("Cronbach's alpha -", reliability, StringComparison.Ordinal);
        Assert.Contains("Below zero: here the questions pull against each other", reliability, StringComparison.Ordinal);
        Assert.DoesNotContain("Indicative only", reliability, StringComparison.Ordinal);
    }

    [Fact]
    public void Domains_StateReliabilityWithItsInterval_AndOnlyClearGapsBetweenGroups()
    {
        var responses = Responses("north", "care-worker", 4, 10).Concat(Responses("north", "care-worker", 5, 10))
            .Concat(Responses("south", "drawing-on-care", 2, 10)).Concat(Responses("south", "drawing-on-care", 3, 10))
            .Concat(Responses("south", "volunteer", 4, 3)).Concat(Responses("south", "volunteer", 5, 3)).ToList();
        var scores = SurveyScorer.Score(Instrument, responses, ["north", "south"], Instrument.StakeholderGroups.Select(g => g.Id).ToList(),
            ["self", "assisted", "proxy", "interviewer", "paper"], new DisclosureControl());

        var growth = ReportBuilder.Build(Input() with { Scores = scores }).Domains.Single(d => d.Id == "growth");

        Assert.StartsWith("Cronbach's alpha ", growth.Reliability, StringComparison.Ordinal);
        Assert.Contains("from 46 people's answers", growth.Reliability, StringComparison.Ordinal);
        // Care workers and volunteers both average 4.5: no clear gap between them, a clear one with people who draw on care (2.5).
        Assert.Equal(2, growth.ClearGaps!.Count);
        Assert.All(growth.ClearGaps, gap => Assert.Contains(" score 2.00 higher than People who draw on care", gap, StringComparison.Ordinal));
        Assert.DoesNotContain(growth.ClearGaps, gap => gap.Contains("than Care and support workers", StringComparison.Ordinal));
    }
}
