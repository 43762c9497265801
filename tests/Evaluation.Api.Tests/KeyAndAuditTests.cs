using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Evaluation.Api.Security;

namespace Evaluation.Api.Tests;

public class KeyAndAuditTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    private HttpClient WithSecret(string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [Fact]
    public async Task AnEvaluatorIssuesAScopedKey_ItWorksUntilRevoked()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var evaluator = await factory.CreateClientWithKeyAsync(Role.Evaluator, scenario.OrganisationId);

        var created = await ApiScenario.PostAsync(evaluator, "/api/keys", new { role = "evaluator", label = "Rhys, evaluator", organisationId = scenario.OrganisationId });
        var secret = created["secret"]!.GetValue<string>();
        var colleague = WithSecret(secret);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync($"/api/surveys/{scenario.SurveyId}")).StatusCode);

        var listed = (await evaluator.GetFromJsonAsync<JsonObject>("/api/keys"))!["items"]!.AsArray();
        Assert.Contains(listed, k => k!["label"]!.GetValue<string>() == "Rhys, evaluator");
        Assert.DoesNotContain(secret, listed.ToJsonString(), StringComparison.Ordinal);

        var revoked = await evaluator.DeleteAsync($"/api/keys/{created["id"]!.GetValue<string>()}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var refused = await colleague.GetAsync($"/api/surveys/{scenario.SurveyId}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("admin", null, "role")]
    [InlineData("circle-lead", null, "circleIds")]
    [InlineData("funder", "circle", "circleIds")]
    public async Task AKeyOutsideTheEvaluatorsScope_IsRefusedNamingTheField(string role, string? circle, string field)
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var evaluator = await factory.CreateClientWithKeyAsync(Role.Evaluator, scenario.OrganisationId);
        var response = await evaluator.PostAsJsonAsync("/api/keys", new
        {
            role,
            label = "someone",
            organisationId = scenario.OrganisationId,
            circleIds = circle is null ? Array.Empty<string>() : [scenario.NorthCircleId],
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
    }

    [Fact]
    public async Task TheAuditLog_RecordsWhoDidWhatToWhichObject_NeverAResponse()
    {
        var admin = await factory.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(admin);
        var other = await ApiScenario.CreateAsync(admin);
        var evaluator = await factory.CreateClientWithKeyAsync(Role.Evaluator, scenario.OrganisationId);
        var entered = await evaluator.PostAsJsonAsync($"/api/surveys/{scenario.SurveyId}/responses", new
        {
            circleId = scenario.NorthCircleId,
            stakeholderGroup = "care-worker",
            completionMode = "paper",
            answers = ApiScenario.AllItemsKeyed("care-worker", 4),
        });
        var responseId = (await entered.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await evaluator.GetAsync($"/api/surveys/{scenario.SurveyId}/scores");

        var audit = (await evaluator.GetFromJsonAsync<JsonArray>("/api/audit"))!;
        var actions = audit.Select(e => (Action: e!["action"]!.GetValue<string>(), Object: e["objectId"]?.GetValue<string>())).ToList();
        Assert.Single(actions, ("enter-response", scenario.SurveyId)); // written with the response, in its commit, and only there
        Assert.Contains(("read-scores", scenario.SurveyId), actions);
        Assert.Contains(("create-survey", scenario.SurveyId), actions); // by the admin, in this organisation
        Assert.DoesNotContain(responseId, audit.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(other.SurveyId, audit.ToJsonString(), StringComparison.Ordinal);
        Assert.All(audit, e => Assert.Equal(scenario.OrganisationId, e!["organisationId"]!.GetValue<string>()));
        // Entering a response is recorded to the day: a time of day could point at the person interviewed.
        var entry = audit.First(e => e!["action"]!.GetValue<string>() == "enter-response")!;
        Assert.Equal(TimeSpan.Zero, entry["at"]!.GetValue<DateTimeOffset>().TimeOfDay);
    }

    [Fact]
    public async Task ARetriedSubmission_IsRecordedOnce_ForItWasEnteredOnce()
    {
        var admin = await factory.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(admin);
        var key = $"audit-retry-{Guid.NewGuid():N}";

        var first = await admin.SendAsync(scenario.IdempotentSubmission(key, 3));
        var retried = await admin.SendAsync(scenario.IdempotentSubmission(key, 3));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal("true", Assert.Single(retried.Headers.GetValues("Idempotent-Replayed")));
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit"))!;
        Assert.Single(audit, e => e!["action"]!.GetValue<string>() == "enter-response" && e["objectId"]?.GetValue<string>() == scenario.SurveyId);
    }
}
