using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Evaluation.Api.Tests;

public class WithdrawalTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    [Fact]
    public async Task AReceiptCode_WithdrawsThoseAnswersFromEveryLaterScore_Once()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var receipts = new List<string>();
        foreach (var keyed in new[] { 2, 2, 2, 2, 2, 2, 5 })
        {
            var posted = await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", keyed));
            receipts.Add((await posted.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>());
        }
        async Task<JsonNode> GrowthAsync() =>
            (await scenario.Client.GetFromJsonAsync<JsonObject>($"/api/surveys/{scenario.SurveyId}/scores"))!["domains"]![0]!["overall"]!;
        Assert.Equal(7, (await GrowthAsync())["n"]!.GetValue<int>());

        // Typed back as a person might: lower case, spaces instead of dashes. No key needed.
        var typed = receipts[^1].ToLowerInvariant().Replace('-', ' ');
        var anonymous = factory.CreateClient();
        var withdrawn = await anonymous.PostAsJsonAsync("/api/withdrawals", new { receiptCode = typed });
        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);

        var growth = await GrowthAsync();
        Assert.Equal(6, growth["n"]!.GetValue<int>());
        Assert.Equal(2.0, growth["mean"]!.GetValue<double>(), 12); // the 5s are gone

        var again = await anonymous.PostAsJsonAsync("/api/withdrawals", new { receiptCode = receipts[^1] });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);

        var garbage = await anonymous.PostAsJsonAsync("/api/withdrawals", new { receiptCode = "not a code" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbage.StatusCode);
        Assert.NotNull((await garbage.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["receiptCode"]);
    }

    [Fact]
    public async Task ReplayingAWithdrawnSubmission_Is410Gone_AndStoresNothing()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        Task<HttpResponseMessage> SubmitAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/surveys/{scenario.SurveyId}/responses")
            {
                Content = JsonContent.Create(new
                {
                    circleId = scenario.NorthCircleId,
                    stakeholderGroup = "care-worker",
                    completionMode = "paper",
                    answers = ApiScenario.AllItemsKeyed("care-worker", 3),
                }),
            };
            request.Headers.Add("Idempotency-Key", "paper-form-0042");
            return scenario.Client.SendAsync(request);
        }
        var first = await SubmitAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var receipt = (await first.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync()).StatusCode); // a retry before withdrawal: the same receipt
        Assert.Equal(HttpStatusCode.NoContent, (await factory.CreateClient().PostAsJsonAsync("/api/withdrawals", new { receiptCode = receipt })).StatusCode);

        var replay = await SubmitAsync();
        Assert.Equal(HttpStatusCode.Gone, replay.StatusCode);
        Assert.Equal("application/problem+json", replay.Content.Headers.ContentType?.MediaType);
        var problem = (await replay.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("This response was withdrawn.", problem["title"]!.GetValue<string>());
        Assert.DoesNotContain(receipt, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.CountAsync("responses", $"survey_id = '{scenario.SurveyId}'"));
    }

    [Fact]
    public async Task AClosedWavesScores_AreKeptAndReadBackExactly_UntilAWithdrawalMakesThemStale()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var receipts = new List<string>();
        foreach (var keyed in new[] { 2, 3, 2, 4, 2, 2, 5 })
        {
            var posted = await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", keyed));
            receipts.Add((await posted.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>());
        }
        (await scenario.Client.PostAsync($"/api/surveys/{scenario.SurveyId}/close", null)).EnsureSuccessStatusCode();
        Task<string> ScoresAsync() => scenario.Client.GetStringAsync($"/api/surveys/{scenario.SurveyId}/scores");

        var made = await ScoresAsync();
        var kept = await ScoresAsync();
        Assert.Equal(1, await factory.CountAsync("wave_scores", $"survey_id = '{scenario.SurveyId}'"));
        Assert.Equal(made, kept); // every figure, reliability and gap survives being kept

        Assert.Equal(HttpStatusCode.NoContent, (await factory.CreateClient().PostAsJsonAsync("/api/withdrawals", new { receiptCode = receipts[^1] })).StatusCode);
        var growth = JsonNode.Parse(await ScoresAsync())!["domains"]![0]!["overall"]!;
        Assert.Equal(6, growth["n"]!.GetValue<int>());
        Assert.Equal(2.5, growth["mean"]!.GetValue<double>(), 12); // the 5s are gone
    }

    [Fact]
    [Trait(TestBackend.Trait, TestBackend.SqliteOnly)]
    public async Task AWithdrawnResponse_LeavesNoTraceInTheDatabaseFiles_OnceCheckpointed()
    {
        using var own = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await own.CreateStaffClientAsync());
        const string marker = "WITHDRAWN-MARKER-5d21";
        var posted = await scenario.Client.PostAsJsonAsync($"/api/surveys/{scenario.SurveyId}/responses", new
        {
            circleId = scenario.NorthCircleId,
            stakeholderGroup = "care-worker",
            completionMode = "self",
            answers = ApiScenario.AllItemsKeyed("care-worker", 3),
            comments = new { growth = $"{marker} about my rota" },
        });
        var receipt = (await posted.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>();
        await CheckpointAsync(own);
        Assert.True(FileContains(own.DatabasePath, marker)); // it was there, in the main file

        Assert.Equal(HttpStatusCode.NoContent, (await own.CreateClient().PostAsJsonAsync("/api/withdrawals", new { receiptCode = receipt })).StatusCode);
        await CheckpointAsync(own);

        foreach (var file in new[] { own.DatabasePath, own.DatabasePath + "-wal", own.DatabasePath + "-journal" })
        {
            Assert.False(File.Exists(file) && FileContains(file, marker), $"{Path.GetFileName(file)} still holds the withdrawn comment");
        }
    }

    /// <summary>
    /// Copies the whole WAL into the main file and empties it. A checkpoint that meets a reader or writer of the service
    /// (its background jobs) reports itself busy and has not finished: it is tried again until it has.
    /// </summary>
    private static async Task CheckpointAsync(EvaluationApiFactory own)
    {
        await using var connection = await own.OpenDatabaseAsync();
        for (var attempt = 0; ; attempt++)
        {
            var busy = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "PRAGMA wal_checkpoint(TRUNCATE)"); // its first column: busy
            if (busy == 0)
            {
                return;
            }
            Assert.True(attempt < 100, "the WAL could not be checkpointed for 10 s");
            await Task.Delay(100);
        }
    }

    private static bool FileContains(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray().AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
    }
}
