using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Evaluation.Api.Responses;
using Evaluation.Api.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace Evaluation.Api.Tests;

/// <summary>Draft → open → closed: what each state allows.</summary>
public class SurveyLifecycleTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    private static Task<JsonObject> DraftAsync(HttpClient client, ApiScenario scenario, string? anonymity = null) =>
        ApiScenario.CreateWaveAsync(client, scenario.OrganisationId, scenario.NorthCircleId, "Spring wave", "2026-11-01", ["care-worker"], anonymity, open: false);

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, ApiScenario scenario, string surveyId) =>
        client.PostAsJsonAsync($"/api/surveys/{surveyId}/responses", new
        {
            circleId = scenario.NorthCircleId,
            stakeholderGroup = "care-worker",
            completionMode = "self",
            answers = ApiScenario.AllItemsKeyed("care-worker", 3),
        });

    [Fact]
    public async Task ADraft_TakesNoResponses_CanChange_ThenOpens()
    {
        var client = await factory.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(client);
        var draft = await DraftAsync(client, scenario);
        var id = draft["id"]!.GetValue<string>();
        Assert.Equal("draft", draft["status"]!.GetValue<string>());
        Assert.Equal("anonymous", draft["anonymity"]!.GetValue<string>());

        Assert.Equal("status", await ApiScenario.RefusedFieldAsync(await SubmitAsync(client, scenario, id), HttpStatusCode.Conflict));

        var renamed = await client.PatchAsJsonAsync($"/api/surveys/{id}", new { title = "Spring wave 2027", closesOn = "2027-01-31" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var changed = (await renamed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Spring wave 2027", changed["title"]!.GetValue<string>());
        Assert.Equal("2027-01-31", changed["closesOn"]!.GetValue<string>());

        await ApiScenario.OpenAsync(client, id);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(client, scenario, id)).StatusCode);
    }

    [Fact]
    public async Task AnOpenSurvey_KeepsItsInstrument_AndAClosedOneTakesNothing()
    {
        var client = await factory.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(client);

        var instrumentChange = await client.PatchAsJsonAsync($"/api/surveys/{scenario.SurveyId}", new { instrument = new { id = "social-climate", version = "2" } });
        Assert.Equal("instrument", await ApiScenario.RefusedFieldAsync(instrumentChange, HttpStatusCode.Conflict));

        var closed = await client.PostAsync($"/api/surveys/{scenario.SurveyId}/close", null);
        Assert.Equal("closed", (await closed.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal("status", await ApiScenario.RefusedFieldAsync(await SubmitAsync(client, scenario, scenario.SurveyId), HttpStatusCode.Conflict));
        Assert.Equal("status", await ApiScenario.RefusedFieldAsync(await client.PostAsync($"/api/surveys/{scenario.SurveyId}/open", null), HttpStatusCode.Conflict));
        Assert.Equal("status", await ApiScenario.RefusedFieldAsync(await client.PatchAsJsonAsync($"/api/surveys/{scenario.SurveyId}", new { title = "Later" }), HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task A_SubmissionOrImportReadOpen_ButWrittenAfterTheClose_IsRefused_AndLeavesNoTrace()
    {
        var client = await factory.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(client);
        var responses = factory.Services.GetRequiredService<ResponseStore>();
        var before = await factory.CountAsync("responses");
        var keysBefore = await factory.CountAsync("idempotency_records");
        // The request checked the survey while it was open; the close lands before its write.
        await factory.Services.GetRequiredService<SurveyStore>().CloseAsync(scenario.SurveyId, new DateOnly(2026, 11, 22), CancellationToken.None);

        var submission = await responses.SubmitAsync(new NewResponse(scenario.SurveyId, "social-climate", "1", scenario.OrganisationId,
                scenario.NorthCircleId, "care-worker", CompletionMode.Self, new DateOnly(2026, 11, 22), ApiScenario.AllItemsKeyed("care-worker", 3)),
            new IdempotentRequest("test", Guid.NewGuid().ToString(), "request"), [], null, CancellationToken.None);

        var import = await responses.ImportAsync([(new NewResponse(scenario.SurveyId, "social-climate", "1", scenario.OrganisationId,
                scenario.NorthCircleId, "care-worker", CompletionMode.Paper, new DateOnly(2026, 11, 22), ApiScenario.AllItemsKeyed("care-worker", 4)),
            new IdempotentRequest("import", Guid.NewGuid().ToString(), "row"))], CancellationToken.None);

        Assert.Equal(SubmissionRefusal.SurveyClosed, submission.Refused);
        Assert.Null(submission.Stored);
        Assert.Equal((0, SubmissionRefusal.SurveyClosed), import);
        Assert.Equal(before, await factory.CountAsync("responses"));
        Assert.Equal(keysBefore, await factory.CountAsync("idempotency_records"));
    }

    [Fact]
    public async Task AnonymityMode_IsPseudonymousOnlyWhenAskedAndValidated()
    {
        var client = await factory.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(client);
        Assert.Equal("pseudonymous", (await DraftAsync(client, scenario, "pseudonymous"))["anonymity"]!.GetValue<string>());

        var refused = await client.PostAsJsonAsync("/api/surveys", new
        {
            organisationId = scenario.OrganisationId,
            instrument = new { id = "social-climate", version = "1" },
            title = "x",
            opensOn = "2026-11-01",
            closesOn = "2026-12-31",
            stakeholderGroups = new[] { "care-worker" },
            circleIds = new[] { scenario.NorthCircleId },
            anonymity = "named",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.NotNull((await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["anonymity"]);
    }
}
