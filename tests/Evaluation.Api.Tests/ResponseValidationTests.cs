using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;

namespace Evaluation.Api.Tests;

/// <summary>Every class of bad response input gets a problem naming the field or item, and nothing is stored.</summary>
public class ResponseValidationTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static IReadOnlyCollection<string> ErrorKeys(JsonObject problem) =>
        problem["errors"]!.AsObject().Select(e => e.Key).ToList();

    private async Task<long> StoredResponsesAsync(string surveyId)
    {
        await using var connection = await factory.OpenDatabaseAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(1) FROM responses WHERE survey_id = @surveyId", new { surveyId });
    }

    private async Task<ApiScenario> ScenarioAsync() => await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());

    [Fact]
    public async Task UnknownItem_Is422NamingTheItem()
    {
        var scenario = await ScenarioAsync();
        var answers = ApiScenario.AllItemsKeyed("care-worker", 3);
        answers["made-up-item"] = 3;
        var problem = await ProblemAsync(await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", answers), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["answers.made-up-item"], ErrorKeys(problem));
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-3)]
    public async Task ValueOutsideTheScale_Is422NamingTheItem(int value)
    {
        var scenario = await ScenarioAsync();
        var answers = ApiScenario.AllItemsKeyed("care-worker", 3);
        answers["voice-1"] = value;
        var problem = await ProblemAsync(await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", answers), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["answers.voice-1"], ErrorKeys(problem));
        Assert.Contains("outside the scale 1–5", problem["errors"]!["answers.voice-1"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }

    [Fact]
    public async Task ItemNotShownToTheGroup_Is422NamingTheItem()
    {
        var scenario = await ScenarioAsync();
        var answers = ApiScenario.AllItemsKeyed("drawing-on-care", 3);
        answers["learning-access-3"] = 4; // shown to workers, circle members and volunteers only
        var problem = await ProblemAsync(await scenario.PostResponseAsync(scenario.NorthCircleId, "drawing-on-care", answers), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["answers.learning-access-3"], ErrorKeys(problem));
        Assert.Contains("not shown to 'drawing-on-care'", problem["errors"]!["answers.learning-access-3"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCircleGroupAndMode_AreAllReportedAtOnce()
    {
        var scenario = await ScenarioAsync();
        var problem = await ProblemAsync(
            await scenario.PostResponseAsync("no-such-circle", "landlord", new Dictionary<string, int?> { ["voice-1"] = 3 }, "telepathy"),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["circleId", "completionMode", "stakeholderGroup"], ErrorKeys(problem).Order());
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }

    [Fact]
    public async Task EmptyAnswers_Is422()
    {
        var scenario = await ScenarioAsync();
        var problem = await ProblemAsync(await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", new Dictionary<string, int?>()), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["answers"], ErrorKeys(problem));
    }

    [Fact]
    public async Task ClosedSurvey_Is409AndNotYetOpenIs409()
    {
        var client = await factory.CreateStaffClientAsync();
        var closed = await ApiScenario.CreateAsync(client, "2026-10-01", "2026-12-31");
        // Opened while it ran; its closing date then brought forward to yesterday.
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/surveys/{closed.SurveyId}", new { closesOn = "2026-11-21" })).StatusCode);
        var problem = await ProblemAsync(await closed.PostResponseAsync(closed.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", 3)), HttpStatusCode.Conflict);
        Assert.Equal("Survey closed.", problem["title"]!.GetValue<string>());
        Assert.Equal(["closesOn"], ErrorKeys(problem));

        var future = await ApiScenario.CreateAsync(client, "2026-11-23", "2026-12-31");
        problem = await ProblemAsync(await future.PostResponseAsync(future.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", 3)), HttpStatusCode.Conflict);
        Assert.Equal(["opensOn"], ErrorKeys(problem));
        Assert.Equal(0, await StoredResponsesAsync(closed.SurveyId) + await StoredResponsesAsync(future.SurveyId));
    }

    [Fact]
    public async Task SurveyClosingToday_StillAcceptsResponses()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync(), "2026-11-22", "2026-11-22");
        var response = await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", 3));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task UnknownSurvey_Is404()
    {
        var scenario = await ScenarioAsync();
        var response = await scenario.Client.PostAsJsonAsync("/api/surveys/nope/responses",
            new { circleId = scenario.NorthCircleId, stakeholderGroup = "care-worker", completionMode = "self", answers = new { voice_1 = 3 } });
        await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Client.GetAsync("/api/surveys/nope/scores")).StatusCode);
    }

    [Fact]
    public async Task DuplicateAnswerKey_Is400NamingAnswers()
    {
        var scenario = await ScenarioAsync();
        var problem = await ProblemAsync(await scenario.PostRawResponseAsync(
            $$$"""{"circleId":"{{{scenario.NorthCircleId}}}","stakeholderGroup":"care-worker","completionMode":"self","answers":{"voice-1":3,"voice-1":5}}"""),
            HttpStatusCode.BadRequest);
        Assert.Contains(ErrorKeys(problem), key => key.StartsWith("answers", StringComparison.Ordinal));
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }

    [Fact]
    public async Task DuplicateTopLevelKey_Is400()
    {
        var scenario = await ScenarioAsync();
        await ProblemAsync(await scenario.PostRawResponseAsync(
            $$$"""{"circleId":"{{{scenario.NorthCircleId}}}","circleId":"{{{scenario.SouthCircleId}}}","stakeholderGroup":"care-worker","completionMode":"self","answers":{"voice-1":3}}"""),
            HttpStatusCode.BadRequest);
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }

    [Fact]
    public async Task MissingRequiredField_Is400NamingIt()
    {
        var scenario = await ScenarioAsync();
        var problem = await ProblemAsync(await scenario.PostRawResponseAsync(
            $$$"""{"circleId":"{{{scenario.NorthCircleId}}}","stakeholderGroup":"care-worker","answers":{"voice-1":3}}"""),
            HttpStatusCode.BadRequest);
        Assert.Contains("completionMode", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.5")]
    [InlineData("\"3\"")]
    [InlineData("true")]
    public async Task NonIntegerAnswer_Is400NamingTheItem(string value)
    {
        var scenario = await ScenarioAsync();
        var problem = await ProblemAsync(await scenario.PostRawResponseAsync(
            $$$"""{"circleId":"{{{scenario.NorthCircleId}}}","stakeholderGroup":"care-worker","completionMode":"self","answers":{"voice-1":{{{value}}}}}"""),
            HttpStatusCode.BadRequest);
        Assert.Equal(["answers.voice-1"], ErrorKeys(problem));
        Assert.DoesNotContain(value.Trim('"'), problem["errors"]!["answers.voice-1"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownProperty_Is400NamingIt()
    {
        var scenario = await ScenarioAsync();
        var problem = await ProblemAsync(await scenario.PostRawResponseAsync(
            $$$"""{"circleId":"{{{scenario.NorthCircleId}}}","stakeholderGroup":"care-worker","completionMode":"self","answers":{"voice-1":3},"email":"x@example.org"}"""),
            HttpStatusCode.BadRequest);
        Assert.Contains("email", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongContentType_Is415NotAJsonError()
    {
        var scenario = await ScenarioAsync();
        var response = await scenario.Client.PostAsync($"/api/surveys/{scenario.SurveyId}/responses", new StringContent("circleId=x", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }

    [Fact]
    public async Task MalformedJson_Is400()
    {
        var scenario = await ScenarioAsync();
        await ProblemAsync(await scenario.PostRawResponseAsync("{\"circleId\": "), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NoKeyOrUnknownKey_Is401()
    {
        var scenario = await ScenarioAsync();
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/surveys/{scenario.SurveyId}/scores")).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "ev_not-a-real-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/organisations", new { name = "X" })).StatusCode);
    }

    private static string Body(ApiScenario scenario, string answers = "{\"voice-1\":3}", string extra = "") =>
        $$$"""{"circleId":"{{{scenario.NorthCircleId}}}","stakeholderGroup":"care-worker","completionMode":"self","answers":{{{answers}}}{{{extra}}}}""";

    [Theory]
    [InlineData("\"circleId\":null,")]
    [InlineData("\"answers\":null,")]
    public async Task NullWhereAValueBelongs_Is400NamingTheField(string nulled)
    {
        var scenario = await ScenarioAsync();
        var field = nulled.Split('"')[1];
        var body = field == "circleId"
            ? $$$"""{"circleId":null,"stakeholderGroup":"care-worker","completionMode":"self","answers":{"voice-1":3}}"""
            : $$$"""{"circleId":"{{{scenario.NorthCircleId}}}","stakeholderGroup":"care-worker","completionMode":"self","answers":null}""";
        var problem = await ProblemAsync(await scenario.PostRawResponseAsync(body), HttpStatusCode.BadRequest);
        Assert.Contains(ErrorKeys(problem), key => key.StartsWith(field, StringComparison.Ordinal));
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }

    [Theory]
    [InlineData("role", "\"admin\"")]
    [InlineData("organisationId", "\"another-org\"")]
    [InlineData("id", "\"chosen-id\"")]
    public async Task FieldsThatDoNotBelong_Are400NamingThem(string field, string value)
    {
        var scenario = await ScenarioAsync();
        var problem = await ProblemAsync(await scenario.PostRawResponseAsync(Body(scenario, extra: $",\"{field}\":{value}")), HttpStatusCode.BadRequest);
        Assert.Contains(field, ErrorKeys(problem));
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }

    [Fact]
    public async Task ACircleSentWithAnInvitation_Is400_TheInvitationAloneSaysWhichCircle()
    {
        var scenario = await ScenarioAsync();
        var token = await factory.InviteAsync(scenario.SurveyId, scenario.NorthCircleId, "care-worker");
        var answered = await factory.CreateClient().PostAsync($"/api/respond/{token}", new StringContent(
            $$$"""{"circleId":"{{{scenario.SouthCircleId}}}","answers":{"voice-1":3}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains("circleId", ErrorKeys(await ProblemAsync(answered, HttpStatusCode.BadRequest)));
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }

    [Fact]
    public async Task AHugeString_IsRefusedWithoutBeingEchoed()
    {
        var scenario = await ScenarioAsync();
        var huge = new string('x', 200_000);
        var response = await scenario.PostRawResponseAsync(Body(scenario, extra: $",\"comments\":{{\"growth\":\"{huge}\"}}"));
        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(ErrorKeys(problem), key => key.Contains("growth", StringComparison.Ordinal));
        Assert.DoesNotContain("xxxxxxxxxx", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }

    [Fact]
    public async Task DeepNesting_Is400()
    {
        var scenario = await ScenarioAsync();
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000);
        await ProblemAsync(await scenario.PostRawResponseAsync(Body(scenario, extra: $",\"comments\":{deep}")), HttpStatusCode.BadRequest);
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }

    [Fact]
    public async Task InvalidUtf8_Is400()
    {
        var scenario = await ScenarioAsync();
        var bytes = System.Text.Encoding.UTF8.GetBytes(Body(scenario, extra: ",\"comments\":{\"growth\":\"AB\"}"));
        var at = Array.IndexOf(bytes, (byte)'A');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28; // not a continuation byte
        var content = new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } };
        await ProblemAsync(await scenario.Client.PostAsync($"/api/surveys/{scenario.SurveyId}/responses", content), HttpStatusCode.BadRequest);
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }

    [Fact]
    public async Task AnOversizedBody_Is413BeforeItIsRead()
    {
        var scenario = await ScenarioAsync();
        var padding = new string(' ', 2 * 1024 * 1024);
        var problem = await ProblemAsync(await scenario.PostRawResponseAsync(Body(scenario) + padding), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1 MB", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredResponsesAsync(scenario.SurveyId));
    }
}
