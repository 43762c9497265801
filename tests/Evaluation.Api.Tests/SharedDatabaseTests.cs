using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;

namespace Evaluation.Api.Tests;

/// <summary>
/// Two service instances (two hosts, each with its own services and connection pool) on one PostgreSQL database,
/// as a federation running several instances behind a load balancer would. Every submission is sent to both at
/// once, as a client retrying through another instance would: each must be stored exactly once.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.PostgresOnly)]
public sealed class SharedDatabaseTests : IDisposable
{
    private readonly string _panelSecret = Path.Combine(Directory.CreateTempSubdirectory("evaluation-shared-").FullName, "panel-secret");
    private readonly EvaluationApiFactory _first;
    private readonly EvaluationApiFactory _second;

    public SharedDatabaseTests()
    {
        _first = new EvaluationApiFactory { PanelSecretPath = _panelSecret };
        _second = new EvaluationApiFactory { PostgresConnectionString = _first.PostgresConnectionString, OwnsDatabase = false, PanelSecretPath = _panelSecret };
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
        Directory.Delete(Path.GetDirectoryName(_panelSecret)!, recursive: true);
    }

    [Fact]
    public async Task TwoInstances_StartingTogether_MigrateOnce()
    {
        await Task.WhenAll(Task.Run(() => _first.Services), Task.Run(() => _second.Services));

        Assert.Equal(Evaluation.Api.Storage.Migrator.Scripts("Postgres").Count, await _first.CountAsync("schema_migrations"));
    }

    [Fact]
    public async Task StaffSubmissions_SentToBothInstancesAtOnce_AreEachStoredExactlyOnce()
    {
        await Task.WhenAll(Task.Run(() => _first.Services), Task.Run(() => _second.Services));
        var admin = await _first.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(admin);
        var onSecond = _second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization; // the key lives in the shared database
        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<string>>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, cancellationToken) =>
        {
            var key = $"form-{n}";
            var answers = await Task.WhenAll(
                admin.SendAsync(scenario.IdempotentSubmission(key, 1 + n % 5), cancellationToken),
                onSecond.SendAsync(scenario.IdempotentSubmission(key, 1 + n % 5), cancellationToken));
            foreach (var answer in answers)
            {
                Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
                var body = await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
                acknowledged.GetOrAdd(key, _ => []).Add(body!["id"]!.GetValue<string>());
            }
        });

        Assert.Equal(200, acknowledged.Count);
        Assert.All(acknowledged, pair => Assert.Single(pair.Value.Distinct()));
        await using var connection = await _first.OpenDatabaseAsync();
        var stored = (await connection.QueryAsync<string>("SELECT id FROM responses")).ToList();
        Assert.Equal(acknowledged.Values.Select(ids => ids.First()).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InvitationTokens_UsedThroughBothInstancesAtOnce_StoreOneResponseEach()
    {
        await Task.WhenAll(Task.Run(() => _first.Services), Task.Run(() => _second.Services));
        var scenario = await ApiScenario.CreateAsync(await _first.CreateStaffClientAsync());
        var tokens = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            tokens.Add(await _first.InviteAsync(scenario.SurveyId, i % 2 == 0 ? scenario.NorthCircleId : scenario.SouthCircleId, "care-worker"));
        }
        var (a, b) = (_first.CreateClient(), _second.CreateClient());
        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<string>>();

        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (token, cancellationToken) =>
        {
            // The same submission retried through the other instance, and a second submission with another key.
            var answers = await Task.WhenAll(
                a.SendAsync(RespondentSubmission(token, "key-1"), cancellationToken),
                b.SendAsync(RespondentSubmission(token, "key-1"), cancellationToken),
                b.SendAsync(RespondentSubmission(token, "key-2"), cancellationToken));
            foreach (var answer in answers)
            {
                Assert.True(answer.StatusCode is HttpStatusCode.Created or HttpStatusCode.Gone, $"{(int)answer.StatusCode}");
                if (answer.StatusCode == HttpStatusCode.Created)
                {
                    var body = await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
                    acknowledged.GetOrAdd(token, _ => []).Add(body!["receiptCode"]!.GetValue<string>());
                }
            }
        });

        Assert.Equal(tokens.Count, acknowledged.Count); // every token took one submission
        Assert.All(acknowledged, pair => Assert.Single(pair.Value.Distinct())); // and only one
        Assert.Equal(tokens.Count, await _first.CountAsync("responses"));
        Assert.Equal(tokens.Count, await _first.CountAsync("invitations", "used = 1"));
    }

    private static HttpRequestMessage RespondentSubmission(string token, string key) =>
        new(HttpMethod.Post, $"/api/respond/{token}")
        {
            Headers = { { "Idempotency-Key", key + "-" + token } },
            Content = JsonContent.Create(new { answers = ApiScenario.AllItemsKeyed("care-worker", 4) }),
        };
}

/// <summary>A host that must fail to start is built directly, so it runs in the collection that runs alone.</summary>
[Collection(nameof(HostsBuiltDirectly))]
[Trait(TestBackend.Trait, TestBackend.PostgresOnly)]
public sealed class SharedDatabaseStartupTests
{
    [Fact]
    public async Task AnInstanceWithItsOwnPanelSecret_RefusesToStart()
    {
        using var first = new EvaluationApiFactory();
        _ = first.Services;
        var folder = Directory.CreateTempSubdirectory("evaluation-other-secret-").FullName;

        await using var stranger = Evaluation.Api.Hosting.EvaluationHost.Build(
        [
            $"--Evaluation:InstrumentsPath={RepositoryPaths.Instruments}", $"--Evaluation:Storage:PostgresConnectionString={first.PostgresConnectionString}",
            $"--Evaluation:Storage:PanelSecretPath={Path.Combine(folder, "panel-secret")}", "--urls=http://127.0.0.1:0",
        ]);
        var refused = await Assert.ThrowsAsync<Evaluation.Api.Panels.PanelSecretMismatchException>(() => stranger.StartAsync());
        Assert.Contains("Use the same secret file everywhere", refused.Message, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
