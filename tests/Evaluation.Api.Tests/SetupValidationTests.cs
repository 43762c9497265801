using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Evaluation.Api.Tests;

public class SetupValidationTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    [Fact]
    public async Task CreateSurvey_BadReferences_AreAllNamed()
    {
        var client = await factory.CreateStaffClientAsync();
        var other = await ApiScenario.CreateAsync(client);
        var mine = await ApiScenario.PostAsync(client, "/api/organisations", new { name = "Mine" });
        var response = await client.PostAsJsonAsync("/api/surveys", new
        {
            organisationId = mine["id"]!.GetValue<string>(),
            instrument = new { id = "social-climate", version = "1" },
            title = " ",
            opensOn = "2026-12-01",
            closesOn = "2026-11-01",
            stakeholderGroups = new[] { "care-worker", "landlord" },
            circleIds = new[] { other.NorthCircleId },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Order();
        Assert.Equal(["circleIds[0]", "closesOn", "stakeholderGroups[1]", "title"], errors);
    }

    [Fact]
    public async Task CreateSurvey_UnknownOrganisationAndInstrument_Is422NamingBoth()
    {
        var client = await factory.CreateStaffClientAsync();
        var response = await client.PostAsJsonAsync("/api/surveys", new
        {
            organisationId = "nope",
            instrument = new { id = "social-climate", version = "7" },
            title = "T",
            opensOn = "2026-11-01",
            closesOn = "2026-12-01",
            stakeholderGroups = new[] { "care-worker" },
            circleIds = new[] { "c" },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Order();
        Assert.Equal(["instrument", "organisationId"], errors);
    }

    [Fact]
    public async Task CreateCircle_DuplicateName_Is409AndUnknownOrganisationIs404()
    {
        var client = await factory.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(client);
        var duplicate = await client.PostAsJsonAsync($"/api/organisations/{scenario.OrganisationId}/circles", new { name = "north" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var missing = await client.PostAsJsonAsync("/api/organisations/nope/circles", new { name = "East" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task CreateOrganisation_EmptyName_Is422NamingName()
    {
        var client = await factory.CreateStaffClientAsync();
        var response = await client.PostAsJsonAsync("/api/organisations", new { name = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("\"name\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
