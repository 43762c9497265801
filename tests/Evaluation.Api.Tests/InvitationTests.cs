using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Evaluation.Api.Invitations;
using Evaluation.Api.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Evaluation.Api.Tests;

public class InvitationTests
{
    private static async Task<List<string>> InviteAsync(ApiScenario scenario, string group, int count, string kind = "single-use", string? circleId = null)
    {
        var created = await ApiScenario.PostAsync(scenario.Client, $"/api/surveys/{scenario.SurveyId}/invitations",
            new { circleId = circleId ?? scenario.NorthCircleId, stakeholderGroup = group, count, kind });
        return created["links"]!.AsArray().Select(l => l!.GetValue<string>().Split("/r/")[1]).ToList();
    }

    [Fact]
    public async Task ASingleUseInvitation_ShowsTheGroupsQuestions_SavesADraft_AndTakesOneSubmission()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var token = (await InviteAsync(scenario, "drawing-on-care", 1))[0];
        var respondent = factory.CreateClient();

        var survey = (await respondent.GetFromJsonAsync<JsonObject>($"/api/respond/{token}"))!;
        Assert.Equal("drawing-on-care", survey["stakeholderGroup"]!.GetValue<string>());
        var first = survey["items"]![0]!;
        Assert.Equal("I can learn new things through my care and support.", first["text"]!["en"]!.GetValue<string>()); // the group's wording
        Assert.DoesNotContain(survey["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == "learning-access-3"); // not asked of this group

        var saved = await respondent.PutAsJsonAsync($"/api/respond/{token}/draft", new { answers = new Dictionary<string, int?> { ["learning-access-1"] = 4, ["influence-1"] = null } });
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        var resumed = (await respondent.GetFromJsonAsync<JsonObject>($"/api/respond/{token}"))!;
        Assert.Equal(4, resumed["draft"]!["learning-access-1"]!.GetValue<int>());

        var answers = ApiScenario.AllItemsKeyed("drawing-on-care", 4);
        var submitted = await respondent.PostAsJsonAsync($"/api/respond/{token}", new { answers, completionMode = "assisted" });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.NotNull((await submitted.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]);

        Assert.Equal(HttpStatusCode.Gone, (await respondent.PostAsJsonAsync($"/api/respond/{token}", new { answers })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await respondent.GetAsync($"/api/respond/{token}")).StatusCode);
        await using var connection = await factory.OpenDatabaseAsync();
        Assert.Equal(("drawing-on-care", "assisted", scenario.NorthCircleId),
            await connection.QuerySingleAsync<(string, string, string)>("SELECT stakeholder_group, completion_mode, circle_id FROM responses"));
        Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT draft FROM invitations")); // the draft went with the submission
    }

    /// <summary>A respondent's software that asks for Welsh gets its refusals in Welsh, and is told which language they are in.</summary>
    [Fact]
    public async Task ARespondentAskingForWelsh_GetsProblemsInWelsh_AndStaffGetEnglish()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var token = (await InviteAsync(scenario, "care-worker", 1))[0];
        var welsh = factory.CreateClient();
        welsh.DefaultRequestHeaders.AcceptLanguage.ParseAdd("cy-GB");
        welsh.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en;q=0.5");

        var unknown = await welsh.GetAsync("/api/respond/0000000000000000000000000000000X");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("cy", Assert.Single(unknown.Content.Headers.ContentLanguage));
        Assert.Equal("Nid yw'r ddolen hon yn hysbys.", (await unknown.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Created, (await welsh.PostAsJsonAsync($"/api/respond/{token}", new { answers = ApiScenario.AllItemsKeyed("care-worker", 3) })).StatusCode);
        var used = await welsh.GetAsync($"/api/respond/{token}");
        Assert.Equal(HttpStatusCode.Gone, used.StatusCode);
        Assert.Equal("Mae'r gwahoddiad hwn wedi'i ddefnyddio.", (await used.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>());

        var receipt = (await (await welsh.PostAsJsonAsync("/api/withdrawals", new { receiptCode = "not a code" })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Ni ellid derbyn y cais.", receipt["title"]!.GetValue<string>());
        Assert.StartsWith("Mae gan god derbynneb 16", receipt["errors"]!["receiptCode"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var english = await factory.CreateClient().GetAsync($"/api/respond/{token}");
        Assert.Equal("en", Assert.Single(english.Content.Headers.ContentLanguage));
        Assert.Equal("This invitation has been used.", (await english.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConcurrentSubmissions_WithOneToken_StoreOneResponse()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var token = (await InviteAsync(scenario, "care-worker", 1))[0];
        var answers = ApiScenario.AllItemsKeyed("care-worker", 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => factory.CreateClient().PostAsJsonAsync($"/api/respond/{token}", new { answers })));

        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Gone, r.StatusCode));
        Assert.Equal(1, await factory.CountAsync("responses"));
    }

    [Fact]
    public async Task ResponsesTable_HoldsNothingThatCouldIdentifyARespondent()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var posted = await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", 3), "assisted");
        var receipt = (await posted.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>();

        Assert.Equal(["id", "survey_id", "instrument_id", "instrument_version", "organisation_id", "circle_id",
            "stakeholder_group", "completion_mode", "submitted_on", "receipt_hash", "answers", "comments"], await factory.ColumnsAsync("responses"));
        await using var connection = await factory.OpenDatabaseAsync();
        var row = await connection.QuerySingleAsync<(string SubmittedOn, string ReceiptHash, string Mode, string Version)>(
            "SELECT submitted_on, receipt_hash, completion_mode, instrument_version FROM responses");
        Assert.Equal("2026-11-22", row.SubmittedOn);
        Assert.Equal("assisted", row.Mode);
        Assert.Equal("1", row.Version);
        Assert.DoesNotContain(receipt, row.ReceiptHash, StringComparison.Ordinal);
        Assert.Equal(64, row.ReceiptHash.Length);
    }

    [Fact]
    public async Task TheTokenStore_SharesNoKeyWithResponses_AndKeepsNoTimes()
    {
        using var factory = new EvaluationApiFactory();
        await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync()); // runs the migrations
        var invitationColumns = await factory.ColumnsAsync("invitations");
        var responseColumns = await factory.ColumnsAsync("responses");
        // What both tables hold is what many responses share (the survey, circle and group), never anything one-to-one.
        Assert.Equal(["circle_id", "stakeholder_group", "survey_id"], invitationColumns.Intersect(responseColumns).Order(StringComparer.Ordinal));
        // Exactly these: no time of issue or use, no contact details, nothing about the response it led to.
        Assert.Equal(["token_hash", "survey_id", "circle_id", "stakeholder_group", "kind", "used", "draft"], invitationColumns);
        Assert.DoesNotContain("invitations", await factory.ForeignKeyTargetsAsync("responses"));
        Assert.DoesNotContain("responses", await factory.ForeignKeyTargetsAsync("invitations"));
    }

    [Fact]
    public async Task AnOpenLink_TakesManyResponses_ButNoDrafts()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var token = (await InviteAsync(scenario, "volunteer", 1, kind: "open"))[0];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await factory.CreateClient().PostAsJsonAsync($"/api/respond/{token}",
                new { answers = ApiScenario.AllItemsKeyed("volunteer", 3) })).StatusCode);
        }
        var draft = await factory.CreateClient().PutAsJsonAsync($"/api/respond/{token}/draft", new { answers = new Dictionary<string, int?>() });
        Assert.Equal(HttpStatusCode.Conflict, draft.StatusCode);
    }

    [Fact]
    public async Task Participation_IsExactForEvaluators_AndWhatTheDecisionReleasesForACircleLeadsOwnCircleOnly()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var tokens = await InviteAsync(scenario, "care-worker", 12);
        foreach (var token in tokens.Take(7))
        {
            await factory.CreateClient().PostAsJsonAsync($"/api/respond/{token}", new { answers = ApiScenario.AllItemsKeyed("care-worker", 3) });
        }
        var evaluator = await factory.CreateClientWithKeyAsync(Role.Evaluator, scenario.OrganisationId);
        JsonNode NorthOf(JsonObject view) => view["circles"]!.AsArray().Single(c => c!["circleId"]!.GetValue<string>() == scenario.NorthCircleId)!;
        JsonNode CareWorkers(JsonNode circle) => circle["groups"]!.AsArray().Single(g => g!["stakeholderGroup"]!.GetValue<string>() == "care-worker")!;
        var exact = NorthOf((await evaluator.GetFromJsonAsync<JsonObject>($"/api/surveys/{scenario.SurveyId}/participation"))!);
        Assert.Equal(12, CareWorkers(exact)["invited"]!.GetValue<int>());
        Assert.Equal(7, CareWorkers(exact)["responses"]!.GetValue<int>());
        Assert.Equal(7 / 12.0, CareWorkers(exact)["responseRate"]!.GetValue<double>(), 12);
        await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", 3), "paper");
        await scenario.PostResponseAsync(scenario.NorthCircleId, "volunteer", ApiScenario.AllItemsKeyed("volunteer", 3));
        var withPaper = NorthOf((await evaluator.GetFromJsonAsync<JsonObject>($"/api/surveys/{scenario.SurveyId}/participation"))!);
        Assert.Equal(8, CareWorkers(withPaper)["responses"]!.GetValue<int>());
        Assert.Equal(7 / 12.0, CareWorkers(withPaper)["responseRate"]!.GetValue<double>(), 12); // a paper form is not an answered invitation
        Assert.Equal(9, withPaper["responses"]!.GetValue<int>());
        Assert.Equal(7, withPaper["invitationsAnswered"]!.GetValue<int>());

        // The lead gets North's 9 as the scores release it, never its care workers' 8 (North minus them is the one volunteer).
        var lead = await factory.CreateClientWithKeyAsync(Role.CircleLead, scenario.OrganisationId, scenario.NorthCircleId);
        var view = (await lead.GetFromJsonAsync<JsonObject>($"/api/surveys/{scenario.SurveyId}/participation"))!;
        Assert.False(view["exact"]!.GetValue<bool>());
        var north = Assert.Single(view["circles"]!.AsArray())!;
        Assert.Equal(scenario.NorthCircleId, north["circleId"]!.GetValue<string>());
        var scores = (await evaluator.GetFromJsonAsync<JsonObject>($"/api/surveys/{scenario.SurveyId}/scores"))!;
        var decided = scores["participation"]!["responsesByCircle"]!.AsArray().Single(c => c!["key"]!.GetValue<string>() == scenario.NorthCircleId)!;
        Assert.Equal(decided["count"]?.GetValue<int>(), north["responses"]?.GetValue<int>());
        Assert.Equal(decided["suppressedBecause"]?.GetValue<string>(), north["responsesSuppressedBecause"]?.GetValue<string>());
        Assert.Equal(12, CareWorkers(north)["invited"]!.GetValue<int>());
        Assert.All(north["groups"]!.AsArray(), g => Assert.Null(g!["responses"]));
        Assert.All(north["groups"]!.AsArray(), g => Assert.Null(g!["responseRate"]));
    }

    [Fact]
    public async Task TheSheet_HasAQrCodeAndLinkPerInvitation_AndPrintsToPdf()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var html = await scenario.Client.PostAsJsonAsync($"/api/surveys/{scenario.SurveyId}/invitations",
            new { circleId = scenario.NorthCircleId, stakeholderGroup = "family-friends", count = 3, format = "html" });
        var text = await html.Content.ReadAsStringAsync();
        Assert.Equal(3, text.Split("<svg", StringSplitOptions.None).Length - 1);
        Assert.Equal(3, text.Split("http://localhost:5080/r/", StringSplitOptions.None).Length - 1);

        var pdf = await scenario.Client.PostAsJsonAsync($"/api/surveys/{scenario.SurveyId}/invitations",
            new { circleId = scenario.NorthCircleId, stakeholderGroup = "family-friends", count = 8, format = "pdf" });
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_ArePurgedDaysAfterTheSurveyCloses()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync(), closesOn: "2026-11-30");
        var token = (await InviteAsync(scenario, "care-worker", 1))[0];
        var store = factory.Services.GetRequiredService<InvitationStore>();

        Assert.Equal(0, await store.PurgeAsync(new DateOnly(2026, 12, 30), 30, CancellationToken.None)); // closed 30 days ago: kept
        Assert.Equal(1, await store.PurgeAsync(new DateOnly(2026, 12, 31), 30, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/respond/{token}")).StatusCode);
    }
}

public class InvitationReviewTests
{
    [Fact]
    public async Task ACodeTypedAsPrinted_WithSpacesLowerCaseAndLookalikes_OpensTheInvitation()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var token = await factory.InviteAsync(scenario.SurveyId, scenario.NorthCircleId, "care-worker");
        var typed = string.Join(' ', token.ToLowerInvariant().Chunk(4).Select(c => new string(c))).Replace('0', 'o').Replace('1', 'l');

        var opened = await factory.CreateClient().GetAsync($"/api/respond/{Uri.EscapeDataString(typed)}");

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
    }

    [Fact]
    public async Task ARespondentsRetry_ReplaysTheReceipt_AndTheRecordDoesNotPointAtTheToken()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var token = await factory.InviteAsync(scenario.SurveyId, scenario.NorthCircleId, "care-worker");
        HttpRequestMessage Submit(string key) => new(HttpMethod.Post, $"/api/respond/{token}")
        {
            Headers = { { "Idempotency-Key", key } },
            Content = JsonContent.Create(new { answers = ApiScenario.AllItemsKeyed("care-worker", 4) }),
        };
        var key = Guid.NewGuid().ToString();
        var first = await (await factory.CreateClient().SendAsync(Submit(key))).Content.ReadFromJsonAsync<JsonObject>();
        var retry = await factory.CreateClient().SendAsync(Submit(key));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode); // not 410: the same submission, answered again
        Assert.Equal(first!["receiptCode"]!.GetValue<string>(), (await retry.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await factory.CreateClient().SendAsync(Submit("short"))).StatusCode);
        await using var connection = await factory.OpenDatabaseAsync();
        var scope = await connection.QuerySingleAsync<string>("SELECT scope FROM idempotency_records");
        Assert.Equal("respondent:" + scenario.SurveyId, scope);
    }

    [Fact]
    public async Task ClosingEarly_MovesTheClosingDateToToday_AndDeletesDrafts()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var token = await factory.InviteAsync(scenario.SurveyId, scenario.NorthCircleId, "care-worker");
        await factory.CreateClient().PutAsJsonAsync($"/api/respond/{token}/draft", new { answers = new Dictionary<string, int?> { ["learning-access-1"] = 2 } });

        var closed = (await (await scenario.Client.PostAsync($"/api/surveys/{scenario.SurveyId}/close", null)).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal("2026-11-22", closed["closesOn"]!.GetValue<string>());
        Assert.Equal(0, await factory.CountAsync("invitations", "draft IS NOT NULL"));
    }
}
