using Dapper;
using Evaluation.Api.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Tests;

/// <summary>
/// Group commit on SQLite: concurrent writes share commits, each keeps or loses only its own changes, and when a
/// commit fails no write in it is acknowledged or kept.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.SqliteOnly)]
public sealed class WriteQueueTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evaluation-writes-").FullName;
    private Database _database = null!;
    private WriteQueue _writes = null!;

    public async ValueTask InitializeAsync()
    {
        _database = new Database(Options.Create(new StorageOptions { DatabasePath = Path.Combine(_folder, "writes.db") }));
        _writes = new WriteQueue(_database, NullLogger<WriteQueue>.Instance);
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE parents (id INTEGER PRIMARY KEY);
            CREATE TABLE rows (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents (id), label TEXT NOT NULL UNIQUE);
            INSERT INTO parents (id) VALUES (1);
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<string> InsertAsync(string label, bool keep = true, int parent = 1) =>
        _writes.RunAsync(new TestWrite<string>(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO rows (parent_id, label) VALUES (@parent, @label)", new { parent, label }, transaction);
            return new WriteOutcome<string>(label, keep);
        }), CancellationToken.None);

    private async Task<List<string>> LabelsAsync()
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>("SELECT label FROM rows ORDER BY label")).ToList();
    }

    /// <summary>Occupies the writer until <paramref name="release"/> completes: what is queued meanwhile is committed together next.</summary>
    private async Task<Task<bool>> HoldWriterAsync(Task release)
    {
        var started = new TaskCompletionSource();
        var held = _writes.RunAsync(new TestWrite<bool>(async (_, _) =>
        {
            started.SetResult();
            await release;
            return new WriteOutcome<bool>(true);
        }), CancellationToken.None);
        await started.Task;
        return held;
    }

    [Fact]
    public async Task ConcurrentWrites_AreAllStored()
    {
        var labels = Enumerable.Range(0, 400).Select(i => $"row {i:000}").ToList();
        var written = await Task.WhenAll(labels.Select(label => Task.Run(() => InsertAsync(label))));

        Assert.Equal(labels, written);
        Assert.Equal(labels, await LabelsAsync());
    }

    [Fact]
    public async Task A_RefusedOrFailingWrite_LosesOnlyItsOwnChanges_InASharedCommit()
    {
        var gate = new TaskCompletionSource();
        var held = await HoldWriterAsync(gate.Task);
        var first = InsertAsync("first");
        var refused = InsertAsync("refused", keep: false);
        var duplicate = InsertAsync("first"); // breaks the UNIQUE label after the first: fails alone
        var kept = InsertAsync("kept");
        gate.SetResult();

        Assert.True(await held);
        Assert.Equal("first", await first);
        Assert.Equal("refused", await refused); // its value is still handed over
        await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.Equal("kept", await kept);
        Assert.Equal(["first", "kept"], await LabelsAsync());
    }

    [Fact]
    public async Task WhenTheSharedCommitFails_NoWriteInItIsAcknowledgedOrKept()
    {
        var gate = new TaskCompletionSource();
        var held = await HoldWriterAsync(gate.Task);
        var first = InsertAsync("before");
        // A foreign key checked only at commit: the whole commit is refused.
        var breaking = _writes.RunAsync(new TestWrite<bool>(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("PRAGMA defer_foreign_keys = ON; INSERT INTO rows (parent_id, label) VALUES (99, 'orphan')",
                transaction: transaction);
            return new WriteOutcome<bool>(true);
        }), CancellationToken.None);
        var after = InsertAsync("after");
        gate.SetResult();

        Assert.True(await held);
        await Assert.ThrowsAsync<SqliteException>(() => first);
        await Assert.ThrowsAsync<SqliteException>(() => breaking);
        await Assert.ThrowsAsync<SqliteException>(() => after);
        Assert.Empty(await LabelsAsync());

        Assert.Equal("next", await InsertAsync("next")); // the writer goes on
        Assert.Equal(["next"], await LabelsAsync());
    }

    [Fact]
    public async Task A_WriteWhoseCallerGaveUpBeforeItsTurn_IsNotRun()
    {
        var gate = new TaskCompletionSource();
        var held = await HoldWriterAsync(gate.Task);
        using var giveUp = new CancellationTokenSource();
        var abandoned = _writes.RunAsync(new TestWrite<bool>(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO rows (parent_id, label) VALUES (1, 'abandoned')", transaction: transaction);
            return new WriteOutcome<bool>(true);
        }), giveUp.Token);
        await giveUp.CancelAsync();
        gate.SetResult();

        Assert.True(await held);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Empty(await LabelsAsync());
    }

    /// <summary>A write made of a test's own steps.</summary>
    private sealed class TestWrite<T>(Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task<WriteOutcome<T>>> steps) : IWrite<T>
    {
        public Task<WriteOutcome<T>> RunAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction) =>
            steps(connection, transaction);
    }
}
