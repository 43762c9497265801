using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Evaluation.Api.Tests;

/// <summary>Each kind of request has its own per-minute budget per caller; past it, 429 problem details with Retry-After.</summary>
public sealed class RateLimitTests : IAsyncDisposable
{
    private readonly EvaluationApiFactory _factory = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Evaluation:RateLimits:CodeAttemptsPerMinute"] = "3",
            ["Evaluation:RateLimits:RespondentRequestsPerMinute"] = "5",
            ["Evaluation:RateLimits:ApiRequestsPerMinute"] = "4",
        },
    };

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var seconds = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 60);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<int>());
        Assert.Empty(SecurityHeadersTests.Missing(response));
    }

    [Fact]
    public async Task TypedCodes_AreSlowedAfterAFewTries_WhetherThroughTheFormOrTheApi()
    {
        var client = _factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/withdrawals", new { receiptCode = "AAAA-BBBB-CCCC-DDDD" })).StatusCode);
        }
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);

        await AssertTooManyAsync(await client.PostAsJsonAsync("/api/withdrawals", new { receiptCode = "AAAA-BBBB-CCCC-DDDD" }));
        await AssertTooManyAsync(await client.PostAsync("/withdraw", new FormUrlEncodedContent([new("receiptCode", "x")])));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/r")).StatusCode); // pages have their own budget
    }

    [Fact]
    public async Task RespondentPages_HaveABudgetPerAddress()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/r")).StatusCode);
        }
        await AssertTooManyAsync(await client.GetAsync("/r"));
        await AssertTooManyAsync(await client.GetAsync("/api/respond/no-such-token"));
    }

    [Fact]
    public async Task StaffKeys_EachHaveTheirOwnBudget()
    {
        var first = await _factory.CreateStaffClientAsync();
        var second = await _factory.CreateStaffClientAsync();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/instruments")).StatusCode);
        }
        await AssertTooManyAsync(await first.GetAsync("/api/instruments"));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/instruments")).StatusCode);
    }
}
