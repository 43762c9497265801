using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Evaluation.Api.Tests;

/// <summary>Arranges an organisation with two circles and an open survey through the API, as an evaluator would.</summary>
public sealed class ApiScenario
{
    public required HttpClient Client { get; init; }
    public required string OrganisationId { get; init; }
    public required string NorthCircleId { get; init; }
    public required string SouthCircleId { get; init; }
    public required string SurveyId { get; init; }

    public static async Task<ApiScenario> CreateAsync(HttpClient client, string opensOn = "2026-11-01", string closesOn = "2026-12-31")
    {
        var organisation = await PostAsync(client, "/api/organisations", new { name = "Test Care Co-op" });
        var organisationId = organisation["id"]!.GetValue<string>();
        var north = await PostAsync(client, $"/api/organisations/{organisationId}/circles", new { name = "North" });
        var south = await PostAsync(client, $"/api/organisations/{organisationId}/circles", new { name = "South" });
        var survey = await PostAsync(client, "/api/surveys", new
        {
            organisationId,
            instrument = new { id = "social-climate", version = "1" },
            title = "Winter wave",
            opensOn,
            closesOn,
            stakeholderGroups = new[] { "drawing-on-care", "family-friends", "care-worker", "circle-member", "volunteer" },
            circleIds = new[] { north["id"]!.GetValue<string>(), south["id"]!.GetValue<string>() },
        });
        await OpenAsync(client, survey["id"]!.GetValue<string>());
        return new ApiScenario
        {
            Client = client,
            OrganisationId = organisationId,
            NorthCircleId = north["id"]!.GetValue<string>(),
            SouthCircleId = south["id"]!.GetValue<string>(),
            SurveyId = survey["id"]!.GetValue<string>(),
        };
    }

    /// <summary>Creates a survey (closing 31 December 2026) in one circle for the given groups; opened unless <paramref name="open"/> is false.</summary>
    public static async Task<JsonObject> CreateWaveAsync(HttpClient client, string organisationId, string circleId, string title, string opensOn,
        string[] groups, string? anonymity = null, bool open = true)
    {
        var survey = (await PostAsync(client, "/api/surveys", new
        {
            organisationId,
            instrument = new { id = "social-climate", version = "1" },
            title,
            opensOn,
            closesOn = "2026-12-31",
            stakeholderGroups = groups,
            circleIds = new[] { circleId },
            anonymity,
        })).AsObject();
        if (open)
        {
            await OpenAsync(client, survey["id"]!.GetValue<string>());
        }
        return survey;
    }

    /// <summary>Opens a draft survey for responses.</summary>
    public static async Task OpenAsync(HttpClient client, string surveyId)
    {
        var opened = await client.PostAsync($"/api/surveys/{surveyId}/open", null);
        Assert.True(opened.StatusCode == HttpStatusCode.OK, $"open {surveyId}: {(int)opened.StatusCode} {await opened.Content.ReadAsStringAsync()}");
    }

    /// <summary>The one field a refusal of <paramref name="status"/> names in its problem's <c>errors</c>.</summary>
    public static async Task<string> RefusedFieldAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return Assert.Single((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject()).Key;
    }

    public static async Task<JsonNode> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Posts a raw JSON body, for tests of malformed input.</summary>
    public Task<HttpResponseMessage> PostRawResponseAsync(string json) =>
        Client.PostAsync($"/api/surveys/{SurveyId}/responses", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>A paper response of a care worker in the north circle, sent with an Idempotency-Key (answers keyed <paramref name="keyed"/>).</summary>
    public HttpRequestMessage IdempotentSubmission(string key, int keyed) =>
        new(HttpMethod.Post, $"/api/surveys/{SurveyId}/responses")
        {
            Headers = { { "Idempotency-Key", key } },
            Content = JsonContent.Create(new
            {
                circleId = NorthCircleId,
                stakeholderGroup = "care-worker",
                completionMode = "paper",
                answers = AllItemsKeyed("care-worker", keyed),
            }),
        };

    public Task<HttpResponseMessage> PostResponseAsync(string circleId, string group, IReadOnlyDictionary<string, int?> answers, string mode = "self") =>
        Client.PostAsJsonAsync($"/api/surveys/{SurveyId}/responses", new { circleId, stakeholderGroup = group, completionMode = mode, answers });

    /// <summary>
    /// Every item shown to <paramref name="group"/> answered so that its keyed score is <paramref name="keyed"/>
    /// (reverse-keyed items get 1 + 5 − keyed), so every factor and domain score equals <paramref name="keyed"/>.
    /// </summary>
    public static Dictionary<string, int?> AllItemsKeyed(string group, int keyed) =>
        Instruments.Value.Items.Where(item => item.IsShownTo(group))
            .ToDictionary(item => item.Id, item => (int?)(item.Reverse ? 6 - keyed : keyed));

    public static readonly Lazy<Evaluation.Instruments.SurveyInstrument> Instruments = new(() =>
        Evaluation.Instruments.InstrumentLoader.LoadDirectory(RepositoryPaths.Instruments).Catalog!.FindSurvey("social-climate", "1")!.Content);
}
