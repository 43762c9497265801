using System.Diagnostics;
using Dapper;
using Evaluation.Api.Responses;
using Evaluation.Api.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Evaluation.Api.Tests.Durability;

/// <summary>
/// Load: 32 concurrent submitters against the real service for 60 s (EVALUATION_LOAD_SECONDS; the benchmark script
/// runs 180): throughput of acknowledged durable submissions and latency percentiles, beside SQLite's own durable
/// single-commit rate, its batched rate for rows that each dirty a random page, and the rate of the service's own
/// write path with no HTTP in front of it, all measured on the same disk in the same run. The figures are recorded,
/// not asserted (speed goals live in benchmarks); what is asserted is that every acknowledged submission is stored.
/// </summary>
[Collection(nameof(LoadAlone))]
[Trait(TestSuites.Trait, TestSuites.Trust)]
public sealed class LoadTests
{
    private static int Seconds => int.TryParse(Environment.GetEnvironmentVariable("EVALUATION_LOAD_SECONDS"), out var seconds) ? seconds : 60;

    [Fact]
    [Trait(TestBackend.Trait, TestBackend.SqliteOnly)]
    public async Task ThirtyTwoSubmitters_ForAMinute_AllStored_WithThroughputAndLatencyRecorded()
    {
        var folder = Directory.CreateTempSubdirectory("evaluation-load-").FullName;
        try
        {
            var commitsPerSecond = await SingleCommitRateAsync(Path.Combine(folder, "commits.db"));
            var randomRowsPerSecond = await BatchedRandomRowRateAsync(Path.Combine(folder, "random.db"));
            var writePathPerSecond = await WritePathRateAsync(callers: 32, TimeSpan.FromSeconds(10));
            var database = Path.Combine(folder, "evaluation.db");
            await using var service = new ServiceProcess($"--Evaluation:Storage:DatabasePath={database}", "--Evaluation:RateLimits:ApiRequestsPerMinute=0");
            var (key, admin, scenario) = await service.StartWithOpenSurveyAsync();

            var submitters = new Submitters(service.BaseAddress, key, scenario.SurveyId, scenario.NorthCircleId, 32);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(Seconds));
            var watch = Stopwatch.StartNew();
            await submitters.RunAsync(stop.Token);
            var elapsed = watch.Elapsed.TotalSeconds;
            await service.KillAsync();

            await using (var connection = new SqliteConnection($"Data Source={database}"))
            {
                var stored = (await connection.QueryAsync<string>("SELECT receipt_hash FROM responses")).ToHashSet(StringComparer.Ordinal);
                Assert.Equal(submitters.Acknowledged.Count, stored.Count);
                Assert.All(submitters.Acknowledged.Values, receipt => Assert.Contains(ReceiptCodes.Hash(receipt), stored));
            }
            var latencies = submitters.Latencies.Order().ToList();
            var throughput = submitters.Acknowledged.Count / elapsed;
            Figures.Record($"load: 32 submitters for {elapsed:0} s: {submitters.Acknowledged.Count} acknowledged, {throughput:0} per second; latency p50 " +
                $"{Figures.Percentile(latencies, 0.50):0.0} ms, p95 {Figures.Percentile(latencies, 0.95):0.0} ms, p99 {Figures.Percentile(latencies, 0.99):0.0} ms " +
                $"(goal p99 < 100 ms); SQLite single-commit rate on the same disk {commitsPerSecond:0} per second, ratio {throughput / commitsPerSecond:0.00} (goal >= 1); " +
                $"SQLite alone writing 1 KB rows at random rowids, 40 per commit: {randomRowsPerSecond:0} per second (a submission dirties about five random pages); " +
                $"the service's write path alone (no HTTP: 32 callers in-process, each submission's idempotency record, survey check, row and audit entry, " +
                $"group commit): {writePathPerSecond:0} per second, ratio {writePathPerSecond / commitsPerSecond:0.00} to the single-commit rate");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Submissions per second stored by the service's own write path (<see cref="ResponseStore.SubmitAsync"/> through
    /// its write queue, exactly what a staff submission runs once its request is checked) when <paramref name="callers"/>
    /// call it at once in-process, with no HTTP, authentication or validation in front: the most the service could
    /// acknowledge on this disk however cheap its request path were.
    /// </summary>
    private static async Task<double> WritePathRateAsync(int callers, TimeSpan duration)
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        string keyId;
        await using (var connection = await factory.OpenDatabaseAsync())
        {
            keyId = await connection.QuerySingleAsync<string>("SELECT id FROM api_keys");
        }
        var responses = factory.Services.GetRequiredService<ResponseStore>();
        var instrument = ApiScenario.Instruments.Value;
        var today = DateOnly.FromDateTime(factory.Time.Now.UtcDateTime);
        var entered = new AuditAction(new Caller(keyId, Role.Admin, null, []), "enter-response", "survey", scenario.SurveyId, scenario.OrganisationId, DayOnly: true);
        using var stop = new CancellationTokenSource(duration);
        var stored = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var response = new NewResponse(scenario.SurveyId, instrument.Id, instrument.Version, scenario.OrganisationId, scenario.NorthCircleId,
                    "care-worker", CompletionMode.Paper, today, ApiScenario.AllItemsKeyed("care-worker", 1 + n % 5));
                var idempotency = new IdempotentRequest(keyId, $"write-path-{caller}-{n}", IdempotentRequest.HashOf("POST write path", $"{caller}-{n}"));
                var submission = await responses.SubmitAsync(response, idempotency, [], entered, CancellationToken.None);
                Assert.NotNull(submission.Stored);
                Interlocked.Increment(ref stored);
            }
        })));
        return stored / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Durable commits per second of one writer, one 1 KB row per transaction, with the service's own settings (WAL, synchronous FULL), for 5 s.</summary>
    private static Task<double> SingleCommitRateAsync(string path) => RowsPerSecondAsync(path, rowsPerCommit: 1, randomRowIds: false);

    /// <summary>
    /// Rows per second of one writer adding 1 KB rows at random rowids to a table of 30,000, 40 rows per commit: what
    /// the disk allows when every row dirties a page of its own, as a submission's random rowid, id, receipt and
    /// idempotency key each do.
    /// </summary>
    private static Task<double> BatchedRandomRowRateAsync(string path) => RowsPerSecondAsync(path, rowsPerCommit: 40, randomRowIds: true);

    /// <summary>Rows per second written durably (WAL, synchronous FULL) by one writer for 5 s.</summary>
    private static async Task<double> RowsPerSecondAsync(string path, int rowsPerCommit, bool randomRowIds)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
        var body = new string('x', 1024);
        var random = new Random(7);
        long? NextId() => randomRowIds ? random.NextInt64(long.MaxValue) : null;
        const string insert = "INSERT INTO t (id, body) VALUES (@id, @body)";
        if (randomRowIds)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            for (var i = 0; i < 30_000; i++)
            {
                await connection.ExecuteAsync(insert, new { id = NextId(), body }, transaction);
            }
            await transaction.CommitAsync();
        }
        var watch = Stopwatch.StartNew();
        var rows = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            for (var i = 0; i < rowsPerCommit; i++)
            {
                await connection.ExecuteAsync(insert, new { id = NextId(), body }, transaction);
            }
            await transaction.CommitAsync();
            rows += rowsPerCommit;
        }
        return rows / watch.Elapsed.TotalSeconds;
    }
}

/// <summary>The load test runs alone, after the parallel tests: its figures are the service's, not the test run's.</summary>
[CollectionDefinition(nameof(LoadAlone), DisableParallelization = true)]
public sealed class LoadAlone;
