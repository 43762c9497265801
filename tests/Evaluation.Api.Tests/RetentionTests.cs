using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Evaluation.Api.Invitations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Evaluation.Api.Tests;

/// <summary>Raw responses go on schedule (the clock is the test's), and the wave's figures stay exactly as they were.</summary>
public sealed class RetentionTests : IAsyncDisposable
{
    private readonly EvaluationApiFactory _factory = new()
    {
        Settings = new Dictionary<string, string> { ["Evaluation:ResponseRetentionDays"] = "90" },
    };

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task RawResponses_AreDeletedTheirRetentionAfterTheWaveCloses_AndItsScoresStayTheSame()
    {
        var scenario = await ApiScenario.CreateAsync(await _factory.CreateStaffClientAsync());
        var receipts = new List<string>();
        foreach (var keyed in new[] { 2, 3, 4, 5, 3, 4 })
        {
            var posted = await scenario.Client.PostAsJsonAsync($"/api/surveys/{scenario.SurveyId}/responses", new
            {
                circleId = scenario.NorthCircleId,
                stakeholderGroup = "care-worker",
                completionMode = "self",
                answers = ApiScenario.AllItemsKeyed("care-worker", keyed),
                comments = new { growth = "more training please" },
            });
            receipts.Add((await posted.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>());
        }
        (await scenario.Client.PostAsync($"/api/surveys/{scenario.SurveyId}/close", null)).EnsureSuccessStatusCode(); // closes today, 22 November 2026
        var scores = await scenario.Client.GetStringAsync($"/api/surveys/{scenario.SurveyId}/scores");
        var job = _factory.Services.GetServices<IHostedService>().OfType<RetentionJob>().Single();

        _factory.Time.Now = new DateTimeOffset(2027, 2, 20, 10, 0, 0, TimeSpan.Zero); // 90 days after closing: not yet
        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal(6, await _factory.CountAsync("responses"));

        _factory.Time.Now = new DateTimeOffset(2027, 2, 21, 10, 0, 0, TimeSpan.Zero); // 91 days
        await job.RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, await _factory.CountAsync("responses"));
        Assert.Equal(1, await _factory.CountAsync("surveys", $"id = '{scenario.SurveyId}' AND responses_purged_on = '2027-02-21'"));
        Assert.Equal(scores, await scenario.Client.GetStringAsync($"/api/surveys/{scenario.SurveyId}/scores")); // the kept figures
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().PostAsJsonAsync("/api/withdrawals", new { receiptCode = receipts[0] })).StatusCode);
        await job.RunOnceAsync(CancellationToken.None); // again: nothing left to do, nothing changes
        Assert.Equal(scores, await scenario.Client.GetStringAsync($"/api/surveys/{scenario.SurveyId}/scores"));
    }
}
