using Dapper;
using Evaluation.Api.Storage;
using Microsoft.Data.Sqlite;

namespace Evaluation.Api.Tests;

/// <summary>Commands kept with a long-lived connection (the SQLite writer's) and run again and again, checked on SQLite's own handles.</summary>
[Trait(TestBackend.Trait, TestBackend.SqliteOnly)]
public sealed class DbCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evaluation-commands-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "test.db")}");
        await connection.OpenAsync();
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT)");
        return connection;
    }

    [Fact]
    public async Task Reusable_GivesOneCommandPerStatementAndConnection_WithTheValuesSetForEachRun()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        const string insert = "INSERT INTO t (id, name) VALUES (@id, @name)";

        for (var id = 1; id <= 3; id++)
        {
            await first.Reusable(null, insert).Set("@id", id).Set("@name", id == 2 ? null : $"n{id}").ExecuteNonQueryAsync();
        }

        Assert.Same(first.Reusable(null, insert), first.Reusable(null, insert));
        Assert.NotSame(first.Reusable(null, insert), second.Reusable(null, insert));
        Assert.Equal(2, first.Reusable(null, insert).Parameters.Count);
        Assert.Equal(["1:n1", "2:", "3:n3"], await second.QueryAsync<string>("SELECT id || ':' || coalesce(name, '') FROM t ORDER BY id"));
    }

    [Fact]
    public async Task AKeptQuery_HoldsNoReadOnceRun_SoCheckpointsCompleteAndLaterRunsSeeNewRows()
    {
        await using var kept = await OpenAsync();
        await using var other = await OpenAsync();
        await other.ExecuteAsync("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b')");

        var first = await kept.Reusable(null, "SELECT name FROM t ORDER BY id").ExecuteScalarAsync();
        var none = await kept.Reusable(null, "SELECT name FROM t WHERE id = @id").Set("@id", 9).ExecuteScalarAsync();
        await other.ExecuteAsync("INSERT INTO t (id, name) VALUES (3, 'c')");
        var (busy, _, _) = await other.QuerySingleAsync<(long, long, long)>("PRAGMA wal_checkpoint(TRUNCATE)");

        Assert.Equal("a", first);
        Assert.Null(none);
        Assert.Equal(0, busy); // a statement left part-read on the kept connection would pin its snapshot: busy = 1
        Assert.Equal("c", await kept.Reusable(null, "SELECT name FROM t WHERE id = @id").Set("@id", 3).ExecuteScalarAsync());
    }

    [Fact]
    public async Task KeptCommands_GoWithTheirConnection_LeavingNoCompiledStatementOnThePooledHandle()
    {
        SQLitePCL.sqlite3 handle;
        await using (var connection = await OpenAsync())
        {
            connection.Handle!.enable_sqlite3_next_stmt(true);
            await connection.Reusable(null, "INSERT INTO t (id, name) VALUES (@id, 'x')").Set("@id", 1).ExecuteNonQueryAsync();
            handle = connection.Handle!;
            Assert.NotNull(SQLitePCL.raw.sqlite3_next_stmt(handle, null)); // compiled and kept while the connection is open
        }

        await using var reopened = await OpenAsync();
        Assert.Same(handle, reopened.Handle); // the pooled handle again
        Assert.Null(SQLitePCL.raw.sqlite3_next_stmt(handle, null));
    }
}
