using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Evaluation.Api.Security;
using FsCheck;
using FsCheck.Fluent;

namespace Evaluation.Api.Tests;

/// <summary>
/// The linked figures of a wave, through the running service as each role reads them. FsCheck draws co-ops (1–8
/// circles, some nested under others, five stakeholder groups, 0–15 people per circle and group, two waves); every
/// response goes in through the API. The attacker (<see cref="ExactAttacker"/>, exact rationals) takes every figure the
/// evaluator's scores release, of each wave on its own, and must not determine any group of 1–4 people. Each circle
/// lead's dashboard and the funders' release show no count the scores did not release.
/// </summary>
public class LinkedDisclosureTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    private static readonly string[] Groups = ["drawing-on-care", "family-friends", "care-worker", "circle-member", "volunteer"];
    private static readonly string[] Modes = ["self", "paper"];

    /// <param name="Parents">Per circle, the earlier circle it sits under, or −1.</param>
    /// <param name="People">Per wave, per circle, per group: how many answer, and how many of them on paper.</param>
    public sealed record Coop(int[] Parents, (int People, int Paper)[][][] People)
    {
        public override string ToString() => $"parents [{string.Join(",", Parents)}]; waves "
            + string.Join(" | ", People.Select(wave => string.Join("; ", wave.Select(c => string.Join(",", c.Select(g => $"{g.People}/{g.Paper}"))))));
    }

    private static Gen<(int, int)> Cell() =>
        from people in Gen.Frequency((3, Gen.Constant(0)), (4, Gen.Choose(1, 4)), (5, Gen.Choose(5, 15)))
        from paper in Gen.Choose(0, people / 3)
        select (people, paper);

    private static Gen<Coop> Coops() =>
        from circles in Gen.Choose(1, 8)
        from parents in Gen.Choose(-1, 7).ArrayOf(circles)
        from people in Cell().ArrayOf(Groups.Length).ArrayOf(circles).ArrayOf(2)
        select new Coop(parents.Select((p, i) => p < i ? p : -1).ToArray(), people);

    [Fact]
    public async Task NamedExample_NorthSouthWest_NoRoleCanWorkOutASmallGroup_AndThePdfSaysWhyFiguresAreHidden()
    {
        // Issue 17: North {care workers 10, volunteers 2}, South {drawing on care 6, family & friends 7}, West {family & friends 3, circle members 8}.
        (int, int)[][] wave =
        [
            [(0, 0), (0, 0), (10, 0), (0, 0), (2, 0)],
            [(6, 0), (7, 0), (0, 0), (0, 0), (0, 0)],
            [(0, 0), (3, 0), (0, 0), (8, 0), (0, 0)],
        ];
        var arranged = await ArrangeAsync(new Coop([-1, -1, -1], [wave, wave]), ["North", "South", "West"]);
        var scores = arranged.Scores[1];
        await AssertNothingDerivableAsync(arranged, new Coop([-1, -1, -1], [wave, wave]));

        var growth = scores["domains"]![0]!;
        Assert.Equal(["released", "released", "released"], growth["byCircle"]!.AsArray().Select(c => c!["score"]!["status"]!.GetValue<string>()));
        Assert.Equal(13, growth["byCircle"]![1]!["score"]!["n"]!.GetValue<int>()); // South, once labelled "fewer than 5"
        var groups = growth["byStakeholderGroup"]!.AsArray().ToDictionary(g => g!["stakeholderGroup"]!.GetValue<string>(), g => g!["score"]!);
        Assert.Equal("fewer-than-minimum", groups["volunteer"]["suppressedBecause"]!.GetValue<string>());
        Assert.Equal("protects-small-group", groups["care-worker"]["suppressedBecause"]!.GetValue<string>()); // North − care workers = 2 volunteers

        // The funders' PDF: the care workers' figure is hidden, saying why, and North's 12 never stands beside a care workers' 10.
        var pdf = await arranged.Funder.GetByteArrayAsync($"/api/releases/{arranged.ReleaseId}.pdf");
        var (text, _) = await PdfTools.ReadAsync(pdf);
        Assert.Contains("Hidden so that a small group cannot be worked out from other figures", Regex.Replace(text, @"\s+", " "), StringComparison.Ordinal);
        Assert.DoesNotContain("n = 10", text, StringComparison.Ordinal);
        Assert.All(PublishedCounts.NEquals().Matches(text).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)),
            n => Assert.Contains(n, ReleasedCounts(arranged.Scores)));
    }

    [Fact]
    public async Task RandomCoops_ThroughEveryRole_NoCombinationOfReleasedFiguresGivesAGroupOf1To4()
    {
        foreach (var coop in Coops().Sample(12, 8))
        {
            var arranged = await ArrangeAsync(coop, coop.Parents.Select((_, i) => $"Circle {i + 1}").ToArray());
            await AssertNothingDerivableAsync(arranged, coop);
        }
    }

    private sealed record Arranged(string OrganisationId, string[] Circles, string[] Surveys, JsonObject[] Scores, HttpClient Funder, string ReleaseId);

    private async Task<Arranged> ArrangeAsync(Coop coop, string[] names)
    {
        var admin = await factory.CreateStaffClientAsync();
        var organisationId = (await ApiScenario.PostAsync(admin, "/api/organisations", new { name = "Linked Co-op" }))["id"]!.GetValue<string>();
        var circles = new List<string>();
        for (var c = 0; c < coop.Parents.Length; c++)
        {
            circles.Add((await ApiScenario.PostAsync(admin, $"/api/organisations/{organisationId}/circles",
                new { name = names[c], parentCircleId = coop.Parents[c] >= 0 ? circles[coop.Parents[c]] : null }))["id"]!.GetValue<string>());
        }
        var random = new Random(coop.ToString().Length);
        var surveys = new List<string>();
        for (var w = 0; w < coop.People.Length; w++)
        {
            var surveyId = (await ApiScenario.PostAsync(admin, "/api/surveys", new
            {
                organisationId,
                instrument = new { id = "social-climate", version = "1" },
                title = $"Wave {w + 1}",
                opensOn = w == 0 ? "2026-10-01" : "2026-11-01",
                closesOn = "2026-12-31",
                stakeholderGroups = Groups,
                circleIds = circles,
            }))["id"]!.GetValue<string>();
            await ApiScenario.OpenAsync(admin, surveyId);
            for (var c = 0; c < circles.Count; c++)
            {
                for (var g = 0; g < Groups.Length; g++)
                {
                    var (people, paper) = coop.People[w][c][g];
                    for (var i = 0; i < people; i++)
                    {
                        var posted = await admin.PostAsJsonAsync($"/api/surveys/{surveyId}/responses", new
                        {
                            circleId = circles[c],
                            stakeholderGroup = Groups[g],
                            completionMode = i < paper ? "paper" : "self",
                            answers = ApiScenario.AllItemsKeyed(Groups[g], random.Next(1, 6)),
                        });
                        posted.EnsureSuccessStatusCode();
                    }
                }
            }
            (await admin.PostAsync($"/api/surveys/{surveyId}/close", null)).EnsureSuccessStatusCode();
            surveys.Add(surveyId);
        }
        var evaluator = await factory.CreateClientWithKeyAsync(Role.Evaluator, organisationId);
        var scores = new[]
        {
            (await evaluator.GetFromJsonAsync<JsonObject>($"/api/surveys/{surveys[0]}/scores"))!,
            (await evaluator.GetFromJsonAsync<JsonObject>($"/api/surveys/{surveys[1]}/scores?compareWith={surveys[0]}"))!,
        };
        (await admin.PostAsJsonAsync($"/api/surveys/{surveys[1]}/releases", new { })).EnsureSuccessStatusCode();
        var funder = await factory.CreateClientWithKeyAsync(Role.Funder, organisationId);
        var release = (await funder.GetFromJsonAsync<JsonArray>($"/api/organisations/{organisationId}/releases"))!.Single()!["id"]!.GetValue<string>();
        return new Arranged(organisationId, [.. circles], [.. surveys], scores, funder, release);
    }

    private async Task AssertNothingDerivableAsync(Arranged arranged, Coop coop)
    {
        for (var w = 0; w < arranged.Scores.Length; w++)
        {
            foreach (var (name, sizes, figures) in Quantities(arranged.Scores[w], coop.People[w], arranged.Circles))
            {
                var group = ExactAttacker.FindSmallGroup(figures, sizes, 5);
                Assert.True(group is null, $"{coop}: wave {w + 1}, {name}: the released figures give cells [{string.Join(", ", group ?? [])}]");
            }
        }
        // Change between the waves is made of released figures only.
        var released = ReleasedCounts(arranged.Scores);
        Assert.All(PublishedCounts.InJson(arranged.Scores[1]["changes"]).Select(c => c.Value), n => Assert.Contains(n, released));

        // What leads and funders read is a part of what the scores release.
        foreach (var circle in arranged.Circles)
        {
            var lead = await factory.CreateClientWithKeyAsync(Role.CircleLead, arranged.OrganisationId, circle);
            var dashboard = await lead.GetStringAsync($"/api/circles/{circle}/dashboard");
            Assert.All(PublishedCounts.InHtml(dashboard), n => Assert.True(released.Contains(n), $"{coop}: the dashboard of {circle} shows {n}, not released"));
            for (var w = 0; w < arranged.Surveys.Length; w++)
            {
                // The lead's participation is the decision's figure of their circle, or hidden with the decision's reason.
                var decided = arranged.Scores[w]["participation"]!["responsesByCircle"]!.AsArray().Single(c => c!["key"]!.GetValue<string>() == circle)!;
                var shown = (await lead.GetFromJsonAsync<JsonObject>($"/api/surveys/{arranged.Surveys[w]}/participation"))!["circles"]!.AsArray().Single()!;
                Assert.Equal(decided["status"]!.GetValue<string>() == "suppressed" ? null : decided["count"]!.GetValue<int>(), shown["responses"]?.GetValue<int>());
                Assert.Equal(decided["suppressedBecause"]?.GetValue<string>(), shown["responsesSuppressedBecause"]?.GetValue<string>());
                Assert.All(shown["groups"]!.AsArray(), g => Assert.Null(g!["responses"]));
            }
        }
        var report = await arranged.Funder.GetStringAsync($"/api/releases/{arranged.ReleaseId}.html");
        Assert.All(PublishedCounts.InHtml(report), n => Assert.True(released.Contains(n), $"{coop}: the release shows {n}, not released"));
    }

    /// <summary>Per quantity of one wave: its cells' true sizes and the cells of every figure the scores release of it.</summary>
    private static IEnumerable<(string Name, int[] Sizes, List<int[]> Released)> Quantities(JsonObject scores, (int People, int Paper)[][] people, string[] circles)
    {
        var (c, g, m) = (circles.Length, Groups.Length, Modes.Length);
        bool Released(JsonNode? cell) => cell?["status"]?.GetValue<string>() == "released";
        int[] Cells(Func<int, int, int, bool> inside, bool byMode) => Enumerable.Range(0, c * g * (byMode ? m : 1))
            .Where(i => byMode ? inside(i / m / g, i / m % g, i % m) : inside(i / g, i % g, -1)).ToArray();

        var responseSizes = new int[c * g * m];
        for (var i = 0; i < responseSizes.Length; i++)
        {
            var cell = people[i / m / g][i / m % g];
            responseSizes[i] = i % m == 1 ? cell.Paper : cell.People - cell.Paper;
        }
        var counted = new List<int[]>();
        if (scores["responsesStatus"]!.GetValue<string>() == "released")
        {
            counted.Add(Cells((_, _, _) => true, byMode: true));
        }
        foreach (var mode in scores["completionModes"]!.AsArray().Where(Released))
        {
            var index = Array.IndexOf(Modes, mode!["key"]!.GetValue<string>());
            counted.Add(Cells((_, _, k) => k == index, byMode: true));
        }
        var participation = scores["participation"]!;
        foreach (var circle in participation["responsesByCircle"]!.AsArray().Where(Released))
        {
            var index = Array.IndexOf(circles, circle!["key"]!.GetValue<string>());
            counted.Add(Cells((i, _, _) => i == index, byMode: true));
        }
        foreach (var group in participation["responsesByStakeholderGroup"]!.AsArray().Where(Released))
        {
            var index = Array.IndexOf(Groups, group!["key"]!.GetValue<string>());
            counted.Add(Cells((_, j, _) => j == index, byMode: true));
        }
        yield return ("responses", responseSizes, counted);

        var instrument = ApiScenario.Instruments.Value;
        foreach (var domain in scores["domains"]!.AsArray())
        {
            var definition = instrument.FindDomain(domain!["id"]!.GetValue<string>())!;
            // Every item shown is answered, so a score exists wherever one of its items is shown to the group.
            int[] Sizes(Func<string, bool> shownTo) => Enumerable.Range(0, c * g).Select(i => shownTo(Groups[i % g]) ? people[i / g][i % g].People : 0).ToArray();
            var released = new List<int[]>();
            if (Released(domain["overall"]))
            {
                released.Add(Cells((_, _, _) => true, byMode: false));
            }
            released.AddRange(domain["byCircle"]!.AsArray().Select((cell, i) => (cell, i)).Where(p => Released(p.cell!["score"]))
                .Select(p => Cells((x, _, _) => x == p.i, byMode: false)));
            released.AddRange(domain["byStakeholderGroup"]!.AsArray().Select((cell, i) => (cell, i)).Where(p => Released(p.cell!["score"]))
                .Select(p => Cells((_, y, _) => y == p.i, byMode: false)));
            yield return (definition.Id, Sizes(group => definition.Factors.Any(f => f.Items.Any(item => item.IsShownTo(group)))), released);

            foreach (var factor in domain["factors"]!.AsArray())
            {
                var items = instrument.FindFactor(factor!["id"]!.GetValue<string>())!.Items;
                var factorReleased = new List<int[]>();
                if (Released(factor["overall"]))
                {
                    factorReleased.Add(Cells((_, _, _) => true, byMode: false));
                }
                factorReleased.AddRange(factor["byCircle"]!.AsArray().Select((cell, i) => (cell, i)).Where(p => Released(p.cell!["score"]))
                    .Select(p => Cells((x, _, _) => x == p.i, byMode: false)));
                yield return (factor["id"]!.GetValue<string>(), Sizes(group => items.Any(item => item.IsShownTo(group))), factorReleased);
            }
        }
    }

    /// <summary>Every count the scores of the waves release: n of each figure, band counts, counts of who took part.</summary>
    private static HashSet<long> ReleasedCounts(JsonObject[] scores) => scores.SelectMany(s => PublishedCounts.InJson(s).Select(c => c.Value)).ToHashSet();
}
