using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Evaluation.Api.Reports;
using Evaluation.Api.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Evaluation.Api.Tests;

public class ReleaseTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    private async Task<ApiScenario> WaveWithResponsesAsync(int responses = 5)
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        for (var i = 0; i < responses; i++)
        {
            await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", 2 + (i % 4)));
        }
        return scenario;
    }

    private static async Task<JsonArray> ReleaseAsync(HttpClient client, string surveyId, params string[] languages)
    {
        var response = await client.PostAsJsonAsync($"/api/surveys/{surveyId}/releases", new { languages });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsArray();
    }

    [Fact]
    public async Task AClosedWave_IsReleasedOnce_AndItsFundersReadItAndNothingElse()
    {
        var scenario = await WaveWithResponsesAsync();
        var early = await scenario.Client.PostAsJsonAsync($"/api/surveys/{scenario.SurveyId}/releases", new { });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode); // an open wave's figures still change
        await scenario.Client.PostAsync($"/api/surveys/{scenario.SurveyId}/close", null);

        var released = await ReleaseAsync(scenario.Client, scenario.SurveyId, "en", "cy");
        var again = await ReleaseAsync(scenario.Client, scenario.SurveyId, "en", "cy");

        Assert.Equal(released.Select(r => r!["id"]!.GetValue<string>()), again.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(2, await factory.CountAsync("report_releases", $"survey_id = '{scenario.SurveyId}'"));
        var funder = await factory.CreateClientWithKeyAsync(Role.Funder, scenario.OrganisationId);
        var listed = (await funder.GetFromJsonAsync<JsonArray>($"/api/organisations/{scenario.OrganisationId}/releases"))!;
        Assert.Equal(["cy", "en"], listed.Select(r => r!["language"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var english = listed.Single(r => r!["language"]!.GetValue<string>() == "en")!;
        var id = english["id"]!.GetValue<string>();
        var pdf = await funder.GetByteArrayAsync($"/api/releases/{id}.pdf");
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        var html = await funder.GetStringAsync($"/api/releases/{id}.html");
        Assert.Equal(id, Evaluation.Api.Hosting.Digest.Sha256Hex(html)); // content-addressed
        Assert.Contains(english["snapshotSha256"]!.GetValue<string>(), html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await funder.GetAsync($"/api/surveys/{scenario.SurveyId}/scores")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await funder.GetAsync($"/api/surveys/{scenario.SurveyId}/report.html")).StatusCode);

        var otherFunder = await factory.CreateClientWithKeyAsync(Role.Funder, (await ApiScenario.CreateAsync(scenario.Client)).OrganisationId);
        Assert.Equal(HttpStatusCode.NotFound, (await otherFunder.GetAsync($"/api/releases/{id}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherFunder.GetAsync($"/api/organisations/{scenario.OrganisationId}/releases")).StatusCode);

        // The paged list gives the same releases, one filter at a time, and only in the caller's scope.
        var firstPage = (await funder.GetFromJsonAsync<JsonObject>("/api/releases?limit=1"))!;
        Assert.Single(firstPage["items"]!.AsArray());
        var secondPage = (await funder.GetFromJsonAsync<JsonObject>(firstPage["next"]!.GetValue<string>()))!;
        Assert.Null(secondPage["next"]);
        Assert.Equal(listed.Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal),
            firstPage["items"]!.AsArray().Concat(secondPage["items"]!.AsArray()).Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var welsh = (await scenario.Client.GetFromJsonAsync<JsonObject>($"/api/releases?survey={scenario.SurveyId}&language=cy"))!["items"]!.AsArray();
        Assert.Equal(["cy"], welsh.Select(r => r!["language"]!.GetValue<string>()));
        Assert.Empty((await otherFunder.GetFromJsonAsync<JsonObject>($"/api/releases?survey={scenario.SurveyId}"))!["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await otherFunder.GetAsync($"/api/releases?organisation={scenario.OrganisationId}")).StatusCode);
        var lead = await factory.CreateClientWithKeyAsync(Role.CircleLead, scenario.OrganisationId, scenario.NorthCircleId);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/api/releases")).StatusCode);
    }

    [Fact]
    public async Task TheSnapshotInAReport_IsTheOneInTheExport_AndAReleaseFreezesTheWave()
    {
        var scenario = await WaveWithResponsesAsync(6);
        var receipt = (await (await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", 3)))
            .Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>();
        await scenario.Client.PostAsync($"/api/surveys/{scenario.SurveyId}/close", null);
        var first = (await ReleaseAsync(scenario.Client, scenario.SurveyId))[0]!;
        Assert.Contains($"SHA-256 {first["snapshotSha256"]!.GetValue<string>()} of the 7 responses", await ExportReadmeAsync(scenario),
            StringComparison.Ordinal);

        var withdrawal = await factory.CreateClient().PostAsJsonAsync("/api/withdrawals", new { receiptCode = receipt });
        var again = await ReleaseAsync(scenario.Client, scenario.SurveyId, "en", "cy");

        // Published figures and later ones a response apart would give that response away: the withdrawal is refused,
        // and the Welsh release comes from the same data as the English one.
        Assert.Equal(HttpStatusCode.Conflict, withdrawal.StatusCode);
        Assert.Equal(first["id"]!.GetValue<string>(), again[0]!["id"]!.GetValue<string>());
        Assert.Equal(first["snapshotSha256"]!.GetValue<string>(), again[1]!["snapshotSha256"]!.GetValue<string>());
        Assert.Contains(first["snapshotSha256"]!.GetValue<string>(), await ExportReadmeAsync(scenario), StringComparison.Ordinal);
        Assert.Equal(7, await factory.CountAsync("responses", $"survey_id = '{scenario.SurveyId}'"));
        Assert.Equal(2, await factory.CountAsync("report_releases", $"survey_id = '{scenario.SurveyId}'"));
    }

    private static async Task<string> ExportReadmeAsync(ApiScenario scenario)
    {
        using var zip = new ZipArchive(await (await scenario.Client.GetAsync($"/api/surveys/{scenario.SurveyId}/export.zip")).Content.ReadAsStreamAsync());
        using var readme = new StreamReader(zip.GetEntry("README.txt")!.Open());
        return await readme.ReadToEndAsync();
    }

    [Fact]
    public async Task Schedules_ReleaseClosedWaves_AtCloseOrFromTheNextQuarter()
    {
        var atClose = await WaveWithResponsesAsync();
        var quarterly = await WaveWithResponsesAsync();
        foreach (var (scenario, cadence) in new[] { (atClose, "at-close"), (quarterly, "quarterly") })
        {
            var set = await scenario.Client.PutAsJsonAsync($"/api/organisations/{scenario.OrganisationId}/report-schedule", new { cadence, languages = new[] { "en" } });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            await scenario.Client.PostAsync($"/api/surveys/{scenario.SurveyId}/close", null);
        }
        var refused = await atClose.Client.PutAsJsonAsync($"/api/organisations/{atClose.OrganisationId}/report-schedule", new { cadence = "weekly" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var job = factory.Services.GetRequiredService<ReleaseJob>();

        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, await factory.CountAsync("report_releases", $"survey_id = '{atClose.SurveyId}'"));
        Assert.Equal(0, await factory.CountAsync("report_releases", $"survey_id = '{quarterly.SurveyId}'")); // closed in this quarter

        var today = factory.Time.Now;
        factory.Time.Now = new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
        try
        {
            await job.RunOnceAsync(CancellationToken.None);
            await job.RunOnceAsync(CancellationToken.None);
        }
        finally
        {
            factory.Time.Now = today;
        }
        Assert.Equal(1, await factory.CountAsync("report_releases", $"survey_id = '{quarterly.SurveyId}'"));
        Assert.Equal(1, await factory.CountAsync("report_releases", $"survey_id = '{atClose.SurveyId}'"));
    }
}
