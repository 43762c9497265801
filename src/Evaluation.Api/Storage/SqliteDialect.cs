using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Evaluation.Api.Storage;

/// <summary>The embedded default: one SQLite file in WAL mode, fully synchronous, foreign keys on, freed pages zeroed.</summary>
public sealed class SqliteDialect(string databasePath) : SqlDialect
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(databasePath),
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public override string Name => "Sqlite";

    public override string Location { get; } = Path.GetFullPath(databasePath);

    public override bool HasRandomRowId => true;

    public override bool HasSingleWriter => true;

    public override string ForShare => "";

    public override string IsOneOf(string column, string parameter) => $"{column} IN @{parameter}";

    /// <summary>The pooled SQLite handles that have had their settings applied: they keep them for their whole life.</summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (_configured.TryGetValue(connection.Handle!, out _))
        {
            return connection; // a pooled connection, already set up
        }
        await using var pragma = connection.CreateCommand();
        // secure_delete: a withdrawn response's bytes are overwritten, not left in free pages.
        pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA secure_delete = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        _configured.AddOrUpdate(connection.Handle!, this);
        return connection;
    }

    public override async Task<DbConnection> BeginMigrationsAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
        var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Each migration runs in an IMMEDIATE transaction and re-checks that it is still due, which keeps two processes apart.</summary>
    public override Task EndMigrationsAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>VACUUM INTO: one read transaction, so the copy holds exactly what was committed when it began.</summary>
    public override async Task<bool> BackupAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO @path";
        command.Parameters.Add(new SqliteParameter("@path", Path.GetFullPath(path)));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <remarks>Microsoft.Data.Sqlite begins transactions IMMEDIATE: the write lock is taken at once.</remarks>
    public override Task SerializeAsync(DbTransaction transaction, long lockId, CancellationToken cancellationToken) => Task.CompletedTask;

    public override int ReadUtf8(DbDataReader reader, int ordinal, ref byte[] buffer)
    {
        // SQLite hands over a text column's UTF-8 bytes as they are: no string is made.
        var length = (int)reader.GetBytes(ordinal, 0, null, 0, 0);
        if (length > buffer.Length)
        {
            buffer = new byte[length];
        }
        reader.GetBytes(ordinal, 0, buffer, 0, length);
        return length;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
