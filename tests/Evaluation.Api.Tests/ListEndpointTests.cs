using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Evaluation.Api.Security;

namespace Evaluation.Api.Tests;

/// <summary>
/// What exists, discoverable by a client: organisations and surveys as pages in a stable order (each page's
/// <c>next</c> followed to the end gives every item once), filters, each caller's scope, and who the caller is.
/// Releases are listed in <see cref="ReleaseTests"/>, where a release is made.
/// </summary>
public sealed class ListEndpointTests : IDisposable
{
    private readonly EvaluationApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>Follows <c>next</c> from <paramref name="url"/> to the last page; returns each page's item ids.</summary>
    private static async Task<List<List<string>>> PagesAsync(HttpClient client, string url)
    {
        var pages = new List<List<string>>();
        for (string? next = url; next is not null;)
        {
            var page = (await client.GetFromJsonAsync<JsonObject>(next))!;
            pages.Add(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList());
            Assert.True(page.ContainsKey("next"), "the last page says so with \"next\": null");
            next = page["next"]?.GetValue<string>();
        }
        return pages;
    }

    [Fact]
    public async Task Organisations_ComeByName_InPagesThatNeitherSkipNorRepeat_AndAnEvaluatorSeesTheirOwn()
    {
        var admin = await _factory.CreateStaffClientAsync();
        var ids = new Dictionary<string, string>();
        foreach (var name in new[] { "Cwm Co-op", "Aber Co-op", "Bryn Co-op", "Aber Co-op" })
        {
            var id = (await ApiScenario.PostAsync(admin, "/api/organisations", new { name }))["id"]!.GetValue<string>();
            ids[id] = name;
        }

        var pages = await PagesAsync(admin, "/api/organisations?limit=3");

        Assert.Equal([3, 1], pages.Select(p => p.Count));
        var all = pages.SelectMany(p => p).ToList();
        Assert.Equal(ids.Keys.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.Equal(["Aber Co-op", "Aber Co-op", "Bryn Co-op", "Cwm Co-op"], all.Select(id => ids[id]));
        var evaluator = await _factory.CreateClientWithKeyAsync(Role.Evaluator, all[2]);
        Assert.Equal([[all[2]]], await PagesAsync(evaluator, "/api/organisations"));
        var funder = await _factory.CreateClientWithKeyAsync(Role.Funder, all[2]);
        Assert.Equal(HttpStatusCode.Forbidden, (await funder.GetAsync("/api/organisations")).StatusCode);
    }

    [Fact]
    public async Task Surveys_ComeNewestFirst_FilteredByOrganisationAndStatus_AndOnlyInTheCallersScope()
    {
        var admin = await _factory.CreateStaffClientAsync();
        var a = await ApiScenario.CreateAsync(admin, opensOn: "2026-11-02"); // open
        var b = await ApiScenario.CreateAsync(admin, opensOn: "2026-11-03");
        var spring = (await ApiScenario.CreateWaveAsync(admin, a.OrganisationId, a.NorthCircleId, "Spring", "2026-03-01", ["care-worker"]))["id"]!.GetValue<string>();
        await admin.PostAsync($"/api/surveys/{spring}/close", null);
        var draft = (await ApiScenario.CreateWaveAsync(admin, a.OrganisationId, a.NorthCircleId, "Christmas", "2026-12-20", ["care-worker"], open: false))["id"]!
            .GetValue<string>();

        Assert.Equal([draft, b.SurveyId, a.SurveyId, spring], (await PagesAsync(admin, "/api/surveys?limit=1")).SelectMany(p => p));
        Assert.Equal([[draft, a.SurveyId], [spring]], await PagesAsync(admin, $"/api/surveys?organisation={a.OrganisationId}&limit=2"));
        Assert.Equal([[spring]], await PagesAsync(admin, $"/api/surveys?organisation={a.OrganisationId}&status=Closed"));
        Assert.Equal([[b.SurveyId, a.SurveyId]], await PagesAsync(admin, "/api/surveys?status=open"));
        var first = (await admin.GetFromJsonAsync<JsonObject>($"/api/surveys?organisation={a.OrganisationId}&status=open"))!["items"]![0]!;
        Assert.Equal(["North", "South"], first["circles"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));

        var evaluatorOfB = await _factory.CreateClientWithKeyAsync(Role.Evaluator, b.OrganisationId);
        Assert.Equal([[b.SurveyId]], await PagesAsync(evaluatorOfB, "/api/surveys"));
        var elsewhere = await evaluatorOfB.GetAsync($"/api/surveys?organisation={a.OrganisationId}");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.DoesNotContain(a.SurveyId, await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Circles_ComeByOrganisationAndName_FilteredByTeam_AndALeadSeesOnlyTheirs()
    {
        var admin = await _factory.CreateStaffClientAsync();
        var a = await ApiScenario.CreateAsync(admin); // North, South
        var b = await ApiScenario.CreateAsync(admin);
        var team = (await ApiScenario.PostAsync(admin, $"/api/organisations/{a.OrganisationId}/teams", new { name = "Valleys" }))["id"]!.GetValue<string>();
        var east = (await ApiScenario.PostAsync(admin, $"/api/organisations/{a.OrganisationId}/circles", new { name = "East", teamId = team }))["id"]!
            .GetValue<string>();

        var byOrganisation = new[] { (a.OrganisationId, new[] { east, a.NorthCircleId, a.SouthCircleId }), (b.OrganisationId, [b.NorthCircleId, b.SouthCircleId]) }
            .OrderBy(o => o.Item1, StringComparer.Ordinal).SelectMany(o => o.Item2);
        var pages = await PagesAsync(admin, "/api/circles?limit=2");
        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(byOrganisation, pages.SelectMany(p => p));
        Assert.Equal([[east, a.NorthCircleId, a.SouthCircleId]], await PagesAsync(admin, $"/api/circles?organisation={a.OrganisationId}"));
        Assert.Equal([[east]], await PagesAsync(admin, $"/api/circles?team={team}"));
        var first = (await admin.GetFromJsonAsync<JsonObject>($"/api/circles?team={team}"))!["items"]![0]!;
        Assert.Equal((a.OrganisationId, "East", team), (first["organisationId"]!.GetValue<string>(), first["name"]!.GetValue<string>(),
            first["teamId"]!.GetValue<string>()));

        var evaluatorOfB = await _factory.CreateClientWithKeyAsync(Role.Evaluator, b.OrganisationId);
        Assert.Equal([[b.NorthCircleId, b.SouthCircleId]], await PagesAsync(evaluatorOfB, "/api/circles"));
        Assert.Equal(HttpStatusCode.NotFound, (await evaluatorOfB.GetAsync($"/api/circles?organisation={a.OrganisationId}")).StatusCode);
        var lead = await _factory.CreateClientWithKeyAsync(Role.CircleLead, a.OrganisationId, a.SouthCircleId);
        Assert.Equal([[a.SouthCircleId]], await PagesAsync(lead, "/api/circles"));
        Assert.Equal([[a.SouthCircleId]], await PagesAsync(lead, $"/api/circles?organisation={a.OrganisationId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/api/circles?organisation={b.OrganisationId}")).StatusCode);
        var funder = await _factory.CreateClientWithKeyAsync(Role.Funder, a.OrganisationId);
        Assert.Equal(HttpStatusCode.Forbidden, (await funder.GetAsync("/api/circles")).StatusCode);
    }

    [Fact]
    public async Task Keys_ComeOldestFirst_FilteredByOrganisationAndRole_AndAnEvaluatorSeesTheirOwn()
    {
        var admin = await _factory.CreateStaffClientAsync();
        var a = await ApiScenario.CreateAsync(admin);
        var b = await ApiScenario.CreateAsync(admin);
        var made = new List<string>();
        foreach (var (role, organisation) in new[] { ("evaluator", a.OrganisationId), ("funder", a.OrganisationId), ("funder", b.OrganisationId) })
        {
            made.Add((await ApiScenario.PostAsync(admin, "/api/keys", new { role, label = $"{role} key", organisationId = organisation }))["id"]!
                .GetValue<string>());
        }

        // All made the same (fake) day, so they come in id order; the test's own admin key is among them.
        var pages = await PagesAsync(admin, "/api/keys?limit=2");
        var all = pages.SelectMany(p => p).ToList();
        Assert.Equal([2, 2], pages.Select(p => p.Count));
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Superset(made.ToHashSet(), all.ToHashSet());
        Assert.Equal(new[] { made[1], made[2] }.Order(StringComparer.Ordinal), (await PagesAsync(admin, "/api/keys?role=funder")).Single().Order(StringComparer.Ordinal));
        Assert.Equal(new[] { made[0], made[1] }.Order(StringComparer.Ordinal), (await PagesAsync(admin, $"/api/keys?organisation={a.OrganisationId}")).Single().Order(StringComparer.Ordinal));
        var evaluatorOfB = await _factory.CreateClientWithKeyAsync(Role.Evaluator, b.OrganisationId);
        var own = (await PagesAsync(evaluatorOfB, "/api/keys")).SelectMany(p => p).ToList();
        Assert.Contains(made[2], own);
        Assert.DoesNotContain(made[0], own);
        Assert.Equal(HttpStatusCode.NotFound, (await evaluatorOfB.GetAsync($"/api/keys?organisation={a.OrganisationId}")).StatusCode);
        Assert.Equal("role", await ApiScenario.RefusedFieldAsync(await admin.GetAsync("/api/keys?role=owner"), HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task BadPagingOrFilters_AreRefused_NamingTheField()
    {
        var admin = await _factory.CreateStaffClientAsync();
        await ApiScenario.CreateAsync(admin);

        Assert.Equal("status", await ApiScenario.RefusedFieldAsync(await admin.GetAsync("/api/surveys?status=finished"), HttpStatusCode.UnprocessableEntity));
        Assert.Equal("status", await ApiScenario.RefusedFieldAsync(await admin.GetAsync("/api/surveys?status=1"), HttpStatusCode.UnprocessableEntity));
        Assert.Equal("limit", await ApiScenario.RefusedFieldAsync(await admin.GetAsync("/api/surveys?limit=0"), HttpStatusCode.UnprocessableEntity));
        Assert.Equal("limit", await ApiScenario.RefusedFieldAsync(await admin.GetAsync("/api/organisations?limit=201"), HttpStatusCode.UnprocessableEntity));
        Assert.Equal("cursor", await ApiScenario.RefusedFieldAsync(await admin.GetAsync("/api/surveys?cursor=not-a-cursor!"), HttpStatusCode.UnprocessableEntity));
        Assert.Equal("cursor", await ApiScenario.RefusedFieldAsync(await admin.GetAsync("/api/organisations?cursor=YWJj"), HttpStatusCode.UnprocessableEntity)); // "abc": one part, not two
        Assert.Equal("cursor", await ApiScenario.RefusedFieldAsync(await admin.GetAsync("/api/circles?cursor=YWJj"), HttpStatusCode.UnprocessableEntity)); // one part, not three
        Assert.Equal("limit", await ApiScenario.RefusedFieldAsync(await admin.GetAsync("/api/releases?limit=-1"), HttpStatusCode.UnprocessableEntity));
        Assert.Equal("limit", await ApiScenario.RefusedFieldAsync(await admin.GetAsync("/api/keys?limit=500"), HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task Me_SaysWhoTheCallerIs_WithTheirOrganisationAndOnlyTheirCircles()
    {
        var admin = await _factory.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(admin);
        var lead = await _factory.CreateClientWithKeyAsync(Role.CircleLead, scenario.OrganisationId, scenario.SouthCircleId);

        var me = (await lead.GetFromJsonAsync<JsonObject>("/api/me"))!;

        Assert.Equal("circle-lead", me["role"]!.GetValue<string>());
        Assert.Equal("test circle-lead", me["label"]!.GetValue<string>());
        Assert.Equal((scenario.OrganisationId, "Test Care Co-op"), (me["organisationId"]!.GetValue<string>(), me["organisationName"]!.GetValue<string>()));
        Assert.Equal([scenario.SouthCircleId], me["circles"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        var adminMe = (await admin.GetFromJsonAsync<JsonObject>("/api/me"))!;
        Assert.Equal(("admin", null), (adminMe["role"]!.GetValue<string>(), adminMe["organisationId"]));
        Assert.Empty(adminMe["circles"]!.AsArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/me")).StatusCode);
    }
}
