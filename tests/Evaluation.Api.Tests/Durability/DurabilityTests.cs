using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Evaluation.Api.Responses;
using Microsoft.Data.Sqlite;

namespace Evaluation.Api.Tests.Durability;

/// <summary>
/// Durability: 32 submitters retry every submission until acknowledged while the service is killed with SIGKILL at
/// random moments and started again; in the end every acknowledged submission is stored exactly once, nothing else
/// is, and SQLite's integrity check passes. On PostgreSQL the server stays up while the service dies. On SQLite an
/// online backup taken under load holds everything acknowledged before it began.
/// </summary>
[Trait(TestSuites.Trait, TestSuites.Trust)]
public sealed class DurabilityTests
{
    private const int SubmitterCount = 32;

    /// <summary>Kill cycles per run: at least 10 in CI; the benchmark script raises it (EVALUATION_KILL_CYCLES).</summary>
    private static int KillCycles => int.TryParse(Environment.GetEnvironmentVariable("EVALUATION_KILL_CYCLES"), out var cycles) ? cycles : 10;

    [Fact]
    [Trait(TestBackend.Trait, TestBackend.SqliteOnly)]
    public async Task Sqlite_EveryAcknowledgedSubmissionSurvivesKills_ExactlyOnce_AndABackupUnderLoadHoldsWhatCameBefore()
    {
        var folder = Directory.CreateTempSubdirectory("evaluation-durability-").FullName;
        try
        {
            var database = Path.Combine(folder, "evaluation.db");
            await using var service = new ServiceProcess($"--Evaluation:Storage:DatabasePath={database}", "--Evaluation:RateLimits:ApiRequestsPerMinute=0");
            var backup = Path.Combine(folder, "backup.db");
            var (acknowledged, beforeBackup) = await RunWithKillsAsync(service, backupTo: backup);

            await using var connection = new SqliteConnection($"Data Source={database}");
            await connection.OpenAsync();
            Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
            await AssertExactlyOnceAsync(connection, acknowledged.Values);

            await using var copy = new SqliteConnection($"Data Source={backup};Mode=ReadOnly");
            await copy.OpenAsync();
            Assert.Equal("ok", await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
            var inCopy = (await copy.QueryAsync<string>("SELECT receipt_hash FROM responses")).ToHashSet(StringComparer.Ordinal);
            Assert.All(beforeBackup, receipt => Assert.Contains(ReceiptCodes.Hash(receipt), inCopy));
            Figures.Record($"durability: backup under load held all {beforeBackup.Count} submissions acknowledged before it began ({inCopy.Count} in it)");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    [Trait(TestBackend.Trait, TestBackend.PostgresOnly)]
    public async Task Postgres_EveryAcknowledgedSubmissionSurvivesKillsOfTheService_ExactlyOnce()
    {
        var folder = Directory.CreateTempSubdirectory("evaluation-durability-").FullName;
        var connectionString = TestBackend.CreatePostgresDatabase();
        try
        {
            await using var service = new ServiceProcess($"--Evaluation:Storage:PostgresConnectionString={connectionString}",
                $"--Evaluation:Storage:DatabasePath={Path.Combine(folder, "evaluation.db")}", "--Evaluation:RateLimits:ApiRequestsPerMinute=0");
            var (acknowledged, _) = await RunWithKillsAsync(service, backupTo: null);

            await using var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await AssertExactlyOnceAsync(connection, acknowledged.Values);
        }
        finally
        {
            TestBackend.DropPostgresDatabase(connectionString);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertExactlyOnceAsync(System.Data.Common.DbConnection connection, IEnumerable<string> receipts)
    {
        var stored = (await connection.QueryAsync<string>("SELECT receipt_hash FROM responses")).ToList();
        var expected = receipts.Select(ReceiptCodes.Hash).ToList();
        Assert.Equal(stored.Count, stored.Distinct(StringComparer.Ordinal).Count()); // no receipt twice
        Assert.Equal(expected.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal)); // every acknowledged one, and nothing else
    }

    /// <summary>
    /// Sets up a survey, runs the submitters while killing and restarting the service <see cref="KillCycles"/> times at
    /// random moments (optionally backing up midway), then lets every started submission finish.
    /// </summary>
    private static async Task<(IReadOnlyDictionary<string, string> Acknowledged, IReadOnlyList<string> BeforeBackup)> RunWithKillsAsync(
        ServiceProcess service, string? backupTo)
    {
        var (key, admin, scenario) = await service.StartWithOpenSurveyAsync();

        var submitters = new Submitters(service.BaseAddress, key, scenario.SurveyId, scenario.NorthCircleId, SubmitterCount);
        using var stop = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var running = submitters.RunAsync(stop.Token);
        var random = new Random(20261202);
        IReadOnlyList<string> beforeBackup = [];
        for (var cycle = 1; cycle <= KillCycles; cycle++)
        {
            await Task.Delay(random.Next(200, 1500));
            if (backupTo is not null && cycle == KillCycles / 2)
            {
                beforeBackup = submitters.Acknowledged.Values.ToList();
                var (backedUp, output) = await service.RunCommandAsync("backup", "--to", backupTo);
                Assert.True(backedUp == 0, output);
            }
            await service.KillAsync();
            await service.StartAsync();
        }
        await Task.Delay(500);
        stop.Cancel();
        await running.WaitAsync(TimeSpan.FromMinutes(2));
        var seconds = watch.Elapsed.TotalSeconds;

        // After the last restart, the same body again under an acknowledged key is replayed with the same receipt, and
        // another body under it is refused; neither stores anything.
        foreach (var (idempotencyKey, receipt) in submitters.Acknowledged.Take(10))
        {
            var keyed = submitters.Keyed[idempotencyKey];
            using var same = await admin.SendAsync(Replay(scenario, idempotencyKey, keyed));
            Assert.Equal(201, (int)same.StatusCode);
            Assert.Equal("true", same.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(receipt, (await same.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>());
            using var other = await admin.SendAsync(Replay(scenario, idempotencyKey, keyed % 5 + 1));
            Assert.Equal(422, (int)other.StatusCode);
        }
        await service.KillAsync();
        Figures.Record($"durability: {KillCycles} SIGKILL cycles in {seconds:0.0} s, {SubmitterCount} submitters, {submitters.Acknowledged.Count} acknowledged, " +
            $"{submitters.Retries} retries; every acknowledged submission stored exactly once");
        return (submitters.Acknowledged, beforeBackup);
    }

    private static HttpRequestMessage Replay(ApiScenario scenario, string idempotencyKey, int keyed) =>
        new(HttpMethod.Post, $"/api/surveys/{scenario.SurveyId}/responses")
        {
            Headers = { { "Idempotency-Key", idempotencyKey } },
            Content = JsonContent.Create(new
            {
                circleId = scenario.NorthCircleId,
                stakeholderGroup = "care-worker",
                completionMode = "paper",
                answers = ApiScenario.AllItemsKeyed("care-worker", keyed),
            }),
        };
}
