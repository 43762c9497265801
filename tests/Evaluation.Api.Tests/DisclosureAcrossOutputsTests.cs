using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Evaluation.Api.Security;

namespace Evaluation.Api.Tests;

/// <summary>
/// Disclosure across every output, over random organisations (2–4 circles, skewed small groups, comments on every
/// response): the scores an evaluator reads, each circle's dashboard as its lead reads it, and the report released to
/// funders. No count or n in any of them is 1–4, what a breakdown leaves over is nobody or at least 5, and the
/// comments reach none but evaluators, who read them in exports: row-level data that leads and funders are refused.
/// </summary>
public class DisclosureAcrossOutputsTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    private const string Marker = "FREE-TEXT-3e8b";
    private static readonly string[] Groups = ["drawing-on-care", "family-friends", "care-worker", "circle-member", "volunteer"];

    private static void AssertNoSmallCount(IEnumerable<long> counts, string where) =>
        Assert.All(counts, count => Assert.False(count is >= 1 and <= 4, $"{where}: a figure rests on {count}"));

    [Fact]
    public async Task RandomOrganisations_NoOutputRestsOn1To4_AndCommentsReachOnlyEvaluators()
    {
        var random = new Random(20261202);
        var admin = await factory.CreateStaffClientAsync();
        for (var run = 0; run < 6; run++)
        {
            var organisationId = (await ApiScenario.PostAsync(admin, "/api/organisations", new { name = $"Co-op {run}" }))["id"]!.GetValue<string>();
            var circles = new List<string>();
            for (var c = 0; c < random.Next(2, 5); c++)
            {
                circles.Add((await ApiScenario.PostAsync(admin, $"/api/organisations/{organisationId}/circles", new { name = $"Circle {c}" }))["id"]!.GetValue<string>());
            }
            var surveyId = (await ApiScenario.PostAsync(admin, "/api/surveys", new
            {
                organisationId,
                instrument = new { id = "social-climate", version = "1" },
                title = $"Wave {run}",
                opensOn = "2026-11-01",
                closesOn = "2026-12-31",
                stakeholderGroups = Groups,
                circleIds = circles,
            }))["id"]!.GetValue<string>();
            await ApiScenario.OpenAsync(admin, surveyId);
            foreach (var circle in circles)
            {
                var size = random.NextDouble() < 0.4 ? random.Next(1, 5) : random.Next(5, 16);
                for (var i = 0; i < size; i++)
                {
                    var group = Groups[random.NextDouble() < 0.6 ? 2 : random.Next(Groups.Length)];
                    var answers = ApiScenario.AllItemsKeyed(group, random.Next(1, 6)).ToDictionary(p => p.Key, p => random.Next(8) == 0 ? null : p.Value);
                    var posted = await admin.PostAsJsonAsync($"/api/surveys/{surveyId}/responses", new
                    {
                        circleId = circle,
                        stakeholderGroup = group,
                        completionMode = random.Next(4) == 0 ? "paper" : "self",
                        answers,
                        comments = new { growth = $"{Marker} {run}-{i}" },
                    });
                    Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
                }
            }
            (await admin.PostAsync($"/api/surveys/{surveyId}/close", null)).EnsureSuccessStatusCode();

            var evaluator = await factory.CreateClientWithKeyAsync(Role.Evaluator, organisationId);
            var scores = (await evaluator.GetFromJsonAsync<JsonObject>($"/api/surveys/{surveyId}/scores"))!;
            AssertNoSmallCount(PublishedCounts.InJson(scores).Select(c => c.Value), $"run {run} scores");
            foreach (var domain in scores["domains"]!.AsArray())
            {
                var total = domain!["overall"]!["n"]?.GetValue<long>();
                foreach (var breakdown in new[] { "byCircle", "byStakeholderGroup" })
                {
                    var shown = domain[breakdown]!.AsArray().Sum(cell => cell!["score"]!["n"]?.GetValue<long>() ?? 0);
                    Assert.True(total is null || total - shown == 0 || total - shown >= 5, $"run {run} {breakdown}: {total - shown} left over");
                }
            }
            Assert.DoesNotContain(Marker, scores.ToJsonString(), StringComparison.Ordinal);

            // The export is row-level data (a row per person, comments included) for evaluators alone.
            var export = await evaluator.GetAsync($"/api/surveys/{surveyId}/export.zip");
            export.EnsureSuccessStatusCode();
            using (var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync()))
            using (var rows = new StreamReader(zip.GetEntry("responses.csv")!.Open()))
            {
                Assert.Contains(Marker, await rows.ReadToEndAsync(), StringComparison.Ordinal);
            }
            foreach (var circle in circles)
            {
                var lead = await factory.CreateClientWithKeyAsync(Role.CircleLead, organisationId, circle);
                var dashboard = await lead.GetStringAsync($"/api/circles/{circle}/dashboard");
                AssertNoSmallCount(PublishedCounts.InHtml(dashboard), $"run {run} dashboard");
                Assert.DoesNotContain(Marker, dashboard, StringComparison.Ordinal);
                await AssertNoExportAsync(lead, surveyId);
            }

            (await admin.PostAsJsonAsync($"/api/surveys/{surveyId}/releases", new { })).EnsureSuccessStatusCode();
            var funder = await factory.CreateClientWithKeyAsync(Role.Funder, organisationId);
            var release = (await funder.GetFromJsonAsync<JsonArray>($"/api/organisations/{organisationId}/releases"))!.Single()!["id"]!.GetValue<string>();
            var report = await funder.GetStringAsync($"/api/releases/{release}.html");
            AssertNoSmallCount(PublishedCounts.InHtml(report), $"run {run} release");
            Assert.DoesNotContain(Marker, report, StringComparison.Ordinal);
            Assert.True(PublishedCounts.InHtml(report).Any(), "the release shows counts");
            await AssertNoExportAsync(funder, surveyId);
        }
    }

    private static async Task AssertNoExportAsync(HttpClient client, string surveyId)
    {
        var refused = await client.GetAsync($"/api/surveys/{surveyId}/export.zip");
        Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.DoesNotContain(Marker, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
