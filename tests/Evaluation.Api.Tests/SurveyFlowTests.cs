using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Evaluation.Api.Tests;

/// <summary>The evaluator's path: organisation → circles → survey → responses → scores → report.</summary>
public class SurveyFlowTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task AddResponsesAsync(ApiScenario scenario, string circleId, string group, int keyed, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var response = await scenario.PostResponseAsync(circleId, group, ApiScenario.AllItemsKeyed(group, keyed));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Fact]
    public async Task Health_IsOpenAndOk()
    {
        var response = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/health");
        Assert.Equal("ok", response!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheResponseEndpoint()
    {
        var document = await GetJsonAsync(factory.CreateClient(), "/openapi/v1.json");
        Assert.NotNull(document["paths"]!["/api/surveys/{surveyId}/responses"]);
        Assert.NotNull(document["paths"]!["/api/surveys/{surveyId}/report.pdf"]);
        var submit = document["paths"]!["/api/surveys/{surveyId}/responses"]!["post"]!["responses"]!.AsObject();
        Assert.Equal(["201", "400", "401", "403", "404", "409", "410", "422"], submit.Select(r => r.Key).Order());
    }

    [Fact]
    public async Task Instruments_AreListedAndReadableByVersion()
    {
        var client = await factory.CreateStaffClientAsync();
        var list = (await GetJsonAsync(client, "/api/instruments")).AsArray();
        Assert.Contains(list, i => i!["id"]!.GetValue<string>() == "social-climate" && i["kind"]!.GetValue<string>() == "survey");
        var instrument = await GetJsonAsync(client, "/api/instruments/social-climate/versions/1");
        Assert.Equal("Twf", instrument["domains"]![0]!["title"]!["cy"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/instruments/social-climate/versions/99")).StatusCode);
        var theory = await GetJsonAsync(client, "/api/instruments/theory-of-change/versions/1");
        Assert.Equal("theory-of-change", theory["kind"]!.GetValue<string>());
        var capacity = await GetJsonAsync(client, "/api/instruments/co-production-capacity/versions/1");
        Assert.Equal(10, capacity["capacities"]!.AsArray().Count);
    }

    [Fact]
    public async Task SubmitResponse_ReturnsIdReceiptAndDateOnly()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var response = await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", 4), "paper");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", receipt["receiptCode"]!.GetValue<string>());
        Assert.Equal("2026-11-22", receipt["submittedOn"]!.GetValue<string>());
        Assert.True(Guid.TryParse(receipt["id"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task SubmitResponse_AllNotApplicable_IsAcceptedAndScoredAsInsufficientData()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var answers = ApiScenario.AllItemsKeyed("volunteer", 3).ToDictionary(a => a.Key, _ => (int?)null);
        Assert.Equal(HttpStatusCode.Created, (await scenario.PostResponseAsync(scenario.SouthCircleId, "volunteer", answers)).StatusCode);
        var scores = await GetJsonAsync(scenario.Client, $"/api/surveys/{scenario.SurveyId}/scores");
        Assert.All(scores["domains"]!.AsArray(), d => Assert.Equal("no-responses", d!["overall"]!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Scores_OverallPerCirclePerGroup_WithBandsAndSuppression()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        await AddResponsesAsync(scenario, scenario.NorthCircleId, "care-worker", keyed: 4, count: 6);
        await AddResponsesAsync(scenario, scenario.SouthCircleId, "drawing-on-care", keyed: 2, count: 6);
        await AddResponsesAsync(scenario, scenario.SouthCircleId, "volunteer", keyed: 5, count: 2);

        var scores = await GetJsonAsync(scenario.Client, $"/api/surveys/{scenario.SurveyId}/scores");

        Assert.Equal(14, scores["responses"]!.GetValue<int>());
        Assert.Equal(5, scores["minimumCellSize"]!.GetValue<int>());
        var growth = scores["domains"]![0]!;
        Assert.Equal("growth", growth["id"]!.GetValue<string>());
        var overall = growth["overall"]!;
        Assert.Equal(14, overall["n"]!.GetValue<int>());
        Assert.Equal((6 * 4 + 6 * 2 + 2 * 5) / 14.0, overall["mean"]!.GetValue<double>(), 12);
        Assert.Equal("medium", overall["bandId"]!.GetValue<string>());
        Assert.Equal([0, 6, 8], overall["bandCounts"]!.AsArray().Select(b => b!["count"]!.GetValue<int>()).Order());

        var circles = growth["byCircle"]!.AsArray();
        Assert.Equal(["North", "South"], circles.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(4.0, circles[0]!["score"]!["mean"]!.GetValue<double>());
        Assert.Equal("high", circles[0]!["score"]!["bandId"]!.GetValue<string>());
        Assert.Equal(8, circles[1]!["score"]!["n"]!.GetValue<int>());

        var groups = growth["byStakeholderGroup"]!.AsArray().ToDictionary(g => g!["stakeholderGroup"]!.GetValue<string>(), g => g!["score"]!);
        Assert.Equal(6, groups["care-worker"]["n"]!.GetValue<int>());
        Assert.Equal("high", groups["care-worker"]["bandId"]!.GetValue<string>());
        // Two volunteers: suppressed, with no numbers at all, saying why; and because 2 could be recomputed from the
        // total, the next-smallest group (6 people drawing on care) is hidden too, saying that it protects them.
        Assert.Equal("""{"status":"suppressed","suppressedBecause":"fewer-than-minimum"}""", groups["volunteer"].ToJsonString());
        Assert.Equal("""{"status":"suppressed","suppressedBecause":"protects-small-group"}""", groups["drawing-on-care"].ToJsonString());
        Assert.Equal("no-responses", groups["circle-member"]["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scores_CarryReliabilityForReleasedCellsAndPerspectiveGaps()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        foreach (var (group, keyed) in new[] { ("care-worker", 4), ("care-worker", 3), ("care-worker", 5), ("drawing-on-care", 2), ("drawing-on-care", 3), ("drawing-on-care", 1) })
        {
            await AddResponsesAsync(scenario, scenario.NorthCircleId, group, keyed, count: 2);
        }
        var growth = (await GetJsonAsync(scenario.Client, $"/api/surveys/{scenario.SurveyId}/scores"))["domains"]![0]!;

        var reliability = growth["reliability"]!;
        Assert.Equal("estimated", reliability["status"]!.GetValue<string>());
        Assert.Equal(12, reliability["respondents"]!.GetValue<int>());
        Assert.True(reliability["indicativeOnly"]!.GetValue<bool>()); // fewer than 30
        Assert.Equal(13, reliability["itemStatistics"]!.AsArray().Count); // every growth item, as seen across groups
        Assert.NotNull(growth["factors"]![0]!["reliability"]);

        var groups = growth["byStakeholderGroup"]!.AsArray();
        Assert.NotNull(groups.Single(g => g!["stakeholderGroup"]!.GetValue<string>() == "care-worker")!["reliability"]);
        Assert.Null(groups.Single(g => g!["stakeholderGroup"]!.GetValue<string>() == "volunteer")!["reliability"]);

        // Care workers (mean 4) minus people drawing on care (mean 2).
        var gap = Assert.Single(growth["perspectiveGaps"]!.AsArray())!;
        Assert.Equal("care-worker", gap["group"]!.GetValue<string>());
        Assert.Equal("drawing-on-care", gap["comparedWith"]!.GetValue<string>());
        Assert.Equal(2.0, gap["difference"]!.GetValue<double>(), 12);
        Assert.True(gap["welch"]!["ci95"]!["lower"]!.GetValue<double>() > 0);

        // Listwise: one growth item is shown to care workers only, so only their 6 responses are complete across the
        // domain; within the people drawing on care every item they were shown was answered.
        var listwise = (await GetJsonAsync(scenario.Client, $"/api/surveys/{scenario.SurveyId}/scores?listwise=true"))["domains"]![0]!;
        Assert.Equal(6, listwise["reliability"]!["respondents"]!.GetValue<int>());
        var people = listwise["byStakeholderGroup"]!.AsArray().Single(g => g!["stakeholderGroup"]!.GetValue<string>() == "drawing-on-care")!;
        Assert.Equal(6, people["reliability"]!["respondents"]!.GetValue<int>());
        var careWorkers = listwise["byStakeholderGroup"]!.AsArray().Single(g => g!["stakeholderGroup"]!.GetValue<string>() == "care-worker")!;
        Assert.Equal("estimated", careWorkers["reliability"]!["status"]!.GetValue<string>());
        Assert.Equal(6, careWorkers["reliability"]!["respondents"]!.GetValue<int>());

        var unreadable = await scenario.Client.GetAsync($"/api/surveys/{scenario.SurveyId}/scores?listwise=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        var problem = (await unreadable.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Must be true or false.", problem["errors"]!["listwise"]![0]!.GetValue<string>());
        Assert.DoesNotContain("maybe", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scores_ComparedWithAnEarlierWave_GiveChangeAndVerdict()
    {
        var client = await factory.CreateStaffClientAsync();
        var baseline = await ApiScenario.CreateAsync(client);
        foreach (var keyed in new[] { 2, 3, 2, 3, 2, 3 })
        {
            await AddResponsesAsync(baseline, baseline.NorthCircleId, "care-worker", keyed, count: 1);
        }
        var later = await ApiScenario.CreateWaveAsync(client, baseline.OrganisationId, baseline.NorthCircleId, "Spring wave", "2026-11-15", ["care-worker"]);
        var current = new ApiScenario
        {
            Client = client,
            OrganisationId = baseline.OrganisationId,
            NorthCircleId = baseline.NorthCircleId,
            SouthCircleId = baseline.SouthCircleId,
            SurveyId = later["id"]!.GetValue<string>(),
        };
        foreach (var keyed in new[] { 4, 5, 4, 5, 4, 5 })
        {
            await AddResponsesAsync(current, current.NorthCircleId, "care-worker", keyed, count: 1);
        }

        var scores = await GetJsonAsync(client, $"/api/surveys/{current.SurveyId}/scores?compareWith={baseline.SurveyId}");
        var change = scores["changes"]![0]!;
        Assert.Equal("growth", change["domainId"]!.GetValue<string>());
        Assert.Equal("released", change["status"]!.GetValue<string>());
        Assert.Equal(2.0, change["change"]!["difference"]!.GetValue<double>(), 12);
        Assert.Equal("improved", change["change"]!["verdict"]!.GetValue<string>());
        Assert.True(change["change"]!["indicativeOnly"]!.GetValue<bool>());

        var unrelated = await ApiScenario.CreateAsync(client);
        var refused = await client.GetAsync($"/api/surveys/{current.SurveyId}/scores?compareWith={unrelated.SurveyId}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("compareWith", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Contains("There is no survey", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal); // another organisation's: as unknown

        var backwards = await client.GetAsync($"/api/surveys/{baseline.SurveyId}/scores?compareWith={current.SurveyId}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Contains("earlier wave", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSurvey_ReturnsItsGroupsCirclesAndInstrument()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var survey = await GetJsonAsync(scenario.Client, $"/api/surveys/{scenario.SurveyId}");
        Assert.Equal("Winter wave", survey["title"]!.GetValue<string>());
        Assert.Equal("social-climate", survey["instrument"]!["id"]!.GetValue<string>());
        Assert.Equal(5, survey["stakeholderGroups"]!.AsArray().Count);
        Assert.Equal("drawing-on-care", survey["stakeholderGroups"]![0]!.GetValue<string>());
        Assert.Equal(2, survey["circles"]!.AsArray().Count);
    }

    [Fact]
    public async Task ReportHtml_HasEveryDomainTheTheoryOfChangeAndMethods()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        await AddResponsesAsync(scenario, scenario.NorthCircleId, "care-worker", keyed: 4, count: 5);
        var response = await scenario.Client.GetAsync($"/api/surveys/{scenario.SurveyId}/report.html");
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        foreach (var heading in new[] { "Growth", "Well-being, Relationships &amp; Belonging", "Theory of change", "Methods" })
        {
            Assert.Contains(heading, html, StringComparison.Ordinal);
        }
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains("Test Care Co-op", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportHtml_InWelsh_UsesWelshText()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var html = await scenario.Client.GetStringAsync($"/api/surveys/{scenario.SurveyId}/report.html?language=cy");
        Assert.Contains("<html lang=\"cy\">", html, StringComparison.Ordinal);
        Assert.Contains("Twf", html, StringComparison.Ordinal);
        Assert.Contains("grŵp", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportHtml_UnknownLanguage_Is422NamingLanguage()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var response = await scenario.Client.GetAsync($"/api/surveys/{scenario.SurveyId}/report.html?language=fr");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("\"language\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
