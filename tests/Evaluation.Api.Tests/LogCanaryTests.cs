using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Evaluation.Api.Tests;

/// <summary>
/// Log canary: a host logging everything at Trace, configured so even for the framework, is driven through every way personal data comes in or secrets go out — staff and respondent submissions
/// with marked comments and idempotency keys, invitation links, the respondent form with a resume code, receipt
/// codes, withdrawals, bad input carrying the marker, exports — and none of those strings may appear in any entry.
/// (Without the host's own filters the framework logs request paths, and with them invitation tokens, at Information
/// and Debug.)
/// </summary>
public sealed class LogCanaryTests : IAsyncDisposable
{
    private const string Marker = "CANARY-7f3a9c";
    private readonly LogCapture _logs = new();
    private readonly EvaluationApiFactory _factory;
    private readonly List<string> _secrets = [Marker];

    public LogCanaryTests() => _factory = new EvaluationApiFactory
    {
        Logs = _logs,
        Settings = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" },
    };

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private string Secret(string value)
    {
        _secrets.Add(value);
        return value;
    }

    [Fact]
    public async Task NoAnswerCommentTokenKeyOrCode_EverReachesTheLogs()
    {
        var staff = await _factory.CreateStaffClientAsync();
        Secret(staff.DefaultRequestHeaders.Authorization!.Parameter!);
        var scenario = await ApiScenario.CreateAsync(staff);
        var comments = new Dictionary<string, string> { ["growth"] = $"{Marker} my manager shouts", ["wellbeing"] = $"=HYPERLINK(\"{Marker}\")" };

        // Staff: a paper response with a marked comment and a marked Idempotency-Key, then bad input carrying the marker.
        using var paper = scenario.IdempotentSubmission(Secret($"{Marker}-idempotency"), 4);
        paper.Content = JsonContent.Create(new
        {
            circleId = scenario.NorthCircleId,
            stakeholderGroup = "care-worker",
            completionMode = "paper",
            answers = ApiScenario.AllItemsKeyed("care-worker", 4),
            comments,
        });
        var paperReceipt = (await (await staff.SendAsync(paper)).Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>();
        Secret(paperReceipt);
        Assert.Equal(HttpStatusCode.BadRequest, (await scenario.PostRawResponseAsync($"{{\"circleId\": \"{Marker}\", \"answers\": {{\"x\": \"{Marker}\"")).StatusCode);
        Assert.Contains((int)(await scenario.PostRawResponseAsync(
            $"{{\"circleId\": \"{Marker}\", \"stakeholderGroup\": \"{Marker}\", \"answers\": {{\"{Marker}\": 9}}, \"comments\": {{\"growth\": \"{Marker}\"}}}}")).StatusCode,
            new[] { 400, 422 });

        // Respondents: invitation links, the respondent API with a comment, the form with a saved-for-later code.
        var links = await ApiScenario.PostAsync(staff, $"/api/surveys/{scenario.SurveyId}/invitations",
            new { circleId = scenario.NorthCircleId, stakeholderGroup = "care-worker", count = 2, kind = "single-use" });
        var tokens = links["links"]!.AsArray().Select(l => Secret(l!.GetValue<string>().Split("/r/")[1])).ToList();
        var respondent = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await respondent.GetAsync($"/api/respond/{tokens[0]}")).StatusCode);
        var submitted = await respondent.PostAsJsonAsync($"/api/respond/{tokens[0]}", new { answers = ApiScenario.AllItemsKeyed("care-worker", 2), comments });
        var receipt = Secret((await submitted.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>());

        var browser = new FormBrowser(_factory);
        await browser.OpenAsync($"/r/{tokens[1]}");
        await browser.PostAsync("/form/welcome", ("action", "next"));
        await browser.PostAsync("/form/page/1", ("item-learning-access-1", "5"), ("action", "save"));
        var code = Secret(browser.TextOf("code"));
        Assert.Equal("/form/welcome", await new FormBrowser(_factory).PostToCodePageAsync(code));
        await new FormBrowser(_factory).PostToCodePageAsync($"{Marker}-not-a-code");

        // Withdrawals: a real receipt through the API, a marked wrong one through the form page; an export.
        Assert.Equal(HttpStatusCode.NoContent, (await respondent.PostAsJsonAsync("/api/withdrawals", new { receiptCode = receipt })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await respondent.PostAsJsonAsync("/api/withdrawals", new { receiptCode = Marker })).StatusCode);
        var withdrawPage = new FormBrowser(_factory);
        await withdrawPage.OpenAsync("/withdraw");
        await withdrawPage.PostAsync("/withdraw", ("receiptCode", paperReceipt.ToLowerInvariant()));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/surveys/{scenario.SurveyId}/export.zip")).StatusCode);

        var entries = _logs.Entries.ToList();
        Assert.NotEmpty(entries);
        var leaks = entries.SelectMany(entry => _secrets.Where(secret => entry.Contains(secret, StringComparison.OrdinalIgnoreCase))
            .Select(secret => $"'{secret}' in: {entry[..Math.Min(300, entry.Length)]}")).ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));

        // The capture itself works: a marker logged on purpose is found.
        _factory.Services.GetRequiredService<ILogger<LogCanaryTests>>().LogWarning("planted {Value}", Marker);
        Assert.Contains(_logs.Entries, entry => entry.Contains(Marker, StringComparison.Ordinal));
    }
}
