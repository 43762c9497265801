using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Evaluation.Api.Tests;

public class TeamTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    [Fact]
    public async Task ATeam_GathersCircles_AndASurveyOfTheTeam_CoversEachOfItsCirclesOnce()
    {
        var client = await factory.CreateStaffClientAsync();
        var organisationId = (await ApiScenario.PostAsync(client, "/api/organisations", new { name = "Team Co-op" }))["id"]!.GetValue<string>();
        var team = await ApiScenario.PostAsync(client, $"/api/organisations/{organisationId}/teams", new { name = "Rhondda" });
        var teamId = team["id"]!.GetValue<string>();
        var ystrad = (await ApiScenario.PostAsync(client, $"/api/organisations/{organisationId}/circles", new { name = "Ystrad", teamId }))["id"]!.GetValue<string>();
        var treorchy = (await ApiScenario.PostAsync(client, $"/api/organisations/{organisationId}/circles", new { name = "Treorchy" }))["id"]!.GetValue<string>();
        var moved = await client.PutAsJsonAsync($"/api/organisations/{organisationId}/circles/{treorchy}/team", new { teamId });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await ApiScenario.PostAsync(client, $"/api/organisations/{organisationId}/circles", new { name = "Cardiff" });

        var organisation = (await client.GetFromJsonAsync<JsonObject>($"/api/organisations/{organisationId}"))!;
        Assert.Equal("Rhondda", Assert.Single(organisation["teams"]!.AsArray())!["name"]!.GetValue<string>());
        var members = organisation["circles"]!.AsArray().Where(c => c!["teamId"]?.GetValue<string>() == teamId).Select(c => c!["id"]!.GetValue<string>());
        Assert.Equal(new[] { ystrad, treorchy }.Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));

        var survey = await ApiScenario.PostAsync(client, "/api/surveys", new
        {
            organisationId,
            instrument = new { id = "social-climate", version = "1" },
            title = "Rhondda wave",
            opensOn = "2026-11-01",
            closesOn = "2026-12-31",
            stakeholderGroups = new[] { "care-worker" },
            circleIds = new[] { ystrad }, // also in the team: surveyed once
            teamIds = new[] { teamId },
        });
        Assert.Equal(new[] { treorchy, ystrad }.Order(StringComparer.Ordinal),
            survey["circles"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TeamMistakes_AreRefusedNamingTheField_AndChangeNothing()
    {
        var client = await factory.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(client);
        var other = await ApiScenario.CreateAsync(client);
        var organisation = $"/api/organisations/{scenario.OrganisationId}";
        var teamId = (await ApiScenario.PostAsync(client, $"{organisation}/teams", new { name = "Valleys" }))["id"]!.GetValue<string>();
        var othersTeam = (await ApiScenario.PostAsync(client, $"/api/organisations/{other.OrganisationId}/teams", new { name = "Valleys" }))["id"]!.GetValue<string>();

        await AssertProblemAsync(await client.PostAsJsonAsync($"{organisation}/teams", new { name = "VALLEYS" }), HttpStatusCode.Conflict, "name");
        await AssertProblemAsync(await client.PostAsJsonAsync($"{organisation}/teams", new { name = " " }), HttpStatusCode.UnprocessableEntity, "name");
        await AssertProblemAsync(await client.PostAsJsonAsync($"{organisation}/circles", new { name = "East", teamId = othersTeam }),
            HttpStatusCode.UnprocessableEntity, "teamId");
        await AssertProblemAsync(await client.PutAsJsonAsync($"{organisation}/circles/{scenario.NorthCircleId}/team", new { teamId = othersTeam }),
            HttpStatusCode.UnprocessableEntity, "teamId");
        Assert.Equal(HttpStatusCode.NotFound,
            (await client.PutAsJsonAsync($"{organisation}/circles/{other.NorthCircleId}/team", new { teamId })).StatusCode);
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/surveys", new
        {
            organisationId = scenario.OrganisationId,
            instrument = new { id = "social-climate", version = "1" },
            title = "Empty team",
            opensOn = "2026-11-01",
            closesOn = "2026-12-31",
            stakeholderGroups = new[] { "care-worker" },
            teamIds = new[] { teamId },
        }), HttpStatusCode.UnprocessableEntity, "teamIds[0]");

        Assert.Equal(1, await factory.CountAsync("teams", $"organisation_id = '{scenario.OrganisationId}'"));
        Assert.Equal(0, await factory.CountAsync("circles", $"organisation_id = '{scenario.OrganisationId}' AND team_id IS NOT NULL"));
        Assert.Equal(0, await factory.CountAsync("circles", $"name = 'East'"));

        // Out of a team again: null.
        await client.PutAsJsonAsync($"{organisation}/circles/{scenario.NorthCircleId}/team", new { teamId });
        var left = await client.PutAsJsonAsync($"{organisation}/circles/{scenario.NorthCircleId}/team", new { teamId = (string?)null });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Null((await left.Content.ReadFromJsonAsync<JsonObject>())!["teamId"]);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.True(JsonNode.Parse(body)!["errors"]!.AsObject().ContainsKey(field), body);
    }
}
