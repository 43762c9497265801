using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Evaluation.Api.Security;

namespace Evaluation.Api.Tests;

public class DashboardTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    [Fact]
    public async Task ACircleLead_SeesTheirCircleOfTheLastClosedWave_FrozenAndWithoutFreeText()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var receipts = new List<string>();
        foreach (var keyed in new[] { 4, 4, 5, 4, 5, 4 })
        {
            var posted = await scenario.Client.PostAsJsonAsync($"/api/surveys/{scenario.SurveyId}/responses", new
            {
                circleId = scenario.NorthCircleId,
                stakeholderGroup = "care-worker",
                completionMode = "self",
                answers = ApiScenario.AllItemsKeyed("care-worker", keyed),
                comments = new { growth = "SECRET-COMMENT about my manager" },
            });
            receipts.Add((await posted.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>());
        }
        var lead = await factory.CreateClientWithKeyAsync(Role.CircleLead, scenario.OrganisationId, scenario.NorthCircleId);
        var otherLead = await factory.CreateClientWithKeyAsync(Role.CircleLead, scenario.OrganisationId, scenario.SouthCircleId);
        var open = await lead.GetAsync($"/api/circles/{scenario.NorthCircleId}/dashboard");
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode); // an open wave's figures still change
        Assert.Contains("No closed wave yet", await open.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await scenario.Client.PostAsync($"/api/surveys/{scenario.SurveyId}/close", null);

        var first = await lead.GetStringAsync($"/api/circles/{scenario.NorthCircleId}/dashboard");
        var withdrawal = await factory.CreateClient().PostAsJsonAsync("/api/withdrawals", new { receiptCode = receipts[0] });
        var second = await lead.GetStringAsync($"/api/circles/{scenario.NorthCircleId}/dashboard");

        Assert.Equal(HttpStatusCode.Conflict, withdrawal.StatusCode); // published figures freeze the wave
        Assert.Equal(2, await factory.CountAsync("dashboard_snapshots", $"survey_id = '{scenario.SurveyId}'")); // both languages at once

        Assert.Contains("<h1>North</h1>", first, StringComparison.Ordinal);
        Assert.Contains("High", first, StringComparison.Ordinal); // the band of a circle keyed 4–5
        Assert.DoesNotContain("SECRET-COMMENT", first, StringComparison.Ordinal);
        Assert.Equal(first, second); // frozen: the withdrawal cannot be read off two visits
        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.GetAsync($"/api/circles/{scenario.NorthCircleId}/dashboard")).StatusCode);
        var welsh = await lead.GetStringAsync($"/api/circles/{scenario.NorthCircleId}/dashboard?language=cy");
        Assert.Contains("<html lang=\"cy\">", welsh, StringComparison.Ordinal);
    }
}
