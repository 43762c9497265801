using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;

namespace Evaluation.Api.Tests;

/// <summary>Submissions with an Idempotency-Key are stored once, however often and however concurrently they are retried.</summary>
public class IdempotencyTests
{
    [Fact]
    public async Task TheSameKeyAndBody_ReturnTheOriginalReceipt_EvenAfterTheSurveyClosed()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var first = await scenario.Client.SendAsync(scenario.IdempotentSubmission("paper-form-0042", 3));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var original = (await first.Content.ReadFromJsonAsync<JsonObject>())!;

        factory.Time.Now = new DateTimeOffset(2027, 2, 1, 10, 0, 0, TimeSpan.Zero); // the survey closed on 31 December
        var retry = await scenario.Client.SendAsync(scenario.IdempotentSubmission("paper-form-0042", 3));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        var replayed = (await retry.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(original["id"]!.GetValue<string>(), replayed["id"]!.GetValue<string>());
        Assert.Equal(original["receiptCode"]!.GetValue<string>(), replayed["receiptCode"]!.GetValue<string>());
        Assert.Equal(1, await factory.CountAsync("responses"));

        // The stored record cannot give the receipt code away: sealed with a key derived from the client's own value.
        await using var connection = await factory.OpenDatabaseAsync();
        var record = await connection.QuerySingleAsync<(string KeyHash, byte[] Sealed)>("SELECT key_hash, sealed_response FROM idempotency_records");
        Assert.DoesNotContain("paper-form-0042", record.KeyHash, StringComparison.Ordinal);
        Assert.DoesNotContain(original["receiptCode"]!.GetValue<string>(), System.Text.Encoding.UTF8.GetString(record.Sealed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameKeyWithADifferentBody_IsRefusedNamingTheHeader_AndStoresNothing()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        await scenario.Client.SendAsync(scenario.IdempotentSubmission("k-1", 3));

        var different = await scenario.Client.SendAsync(scenario.IdempotentSubmission("k-1", 4));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.NotNull((await different.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["Idempotency-Key"]);
        Assert.Equal(1, await factory.CountAsync("responses"));
    }

    [Fact]
    public async Task ConcurrentRetries_WithOneKey_StoreOneResponse()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => scenario.Client.SendAsync(scenario.IdempotentSubmission("same", 3))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await factory.CountAsync("responses"));
    }

    [Fact]
    public async Task TwoKeysHolders_UsingTheSameValue_DoNotSeeEachOthersReceipts()
    {
        using var factory = new EvaluationApiFactory();
        var admin = await factory.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(admin);
        var colleague = await factory.CreateClientWithKeyAsync(Evaluation.Api.Security.Role.Evaluator, scenario.OrganisationId);

        var mine = await (await admin.SendAsync(scenario.IdempotentSubmission("form-1", 3))).Content.ReadFromJsonAsync<JsonObject>();
        var theirs = await (await colleague.SendAsync(scenario.IdempotentSubmission("form-1", 3))).Content.ReadFromJsonAsync<JsonObject>();

        Assert.NotEqual(mine!["id"]!.GetValue<string>(), theirs!["id"]!.GetValue<string>());
        Assert.Equal(2, await factory.CountAsync("responses"));
    }
}
