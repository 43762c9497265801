using System.Data.Common;

namespace Evaluation.Api.Storage;

/// <summary>
/// Everything that differs between the two databases the service runs on, and nothing else: the stores write one
/// SQL for both (named <c>@parameters</c>, <c>ON CONFLICT</c>, <c>string_agg</c>, <c>CASE</c> instead of scalar
/// min/max), and each dialect brings its own numbered migrations (<c>Storage/Migrations/&lt;Name&gt;/</c>).
/// </summary>
public abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>The folder of this dialect's migrations: <c>Sqlite</c> or <c>Postgres</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Where the data lives, for messages: a file path, or a host and database (never a password).</summary>
    public abstract string Location { get; }

    /// <summary>
    /// Whether rows are stored in the order of a key the service chooses (SQLite's rowid). The responses table then
    /// gets a random one, so the file keeps no trace of the order responses came in.
    /// </summary>
    public abstract bool HasRandomRowId { get; }

    /// <summary>Whether one writer at a time holds the database (SQLite): concurrent writes are then queued and committed together (<see cref="WriteQueue"/>).</summary>
    public abstract bool HasSingleWriter { get; }

    /// <summary>
    /// Appended to a SELECT whose row must not change until the transaction ends (<c> FOR SHARE</c> on PostgreSQL); empty
    /// on SQLite, where a write transaction already keeps every other writer out.
    /// </summary>
    public abstract string ForShare { get; }

    /// <summary>
    /// "<paramref name="column"/> is one of the list parameter <paramref name="parameter"/>": Dapper expands a list into
    /// <c>IN (@p1, @p2, …)</c> on SQLite and sends it whole as an array to PostgreSQL, which then needs <c>= ANY</c>.
    /// </summary>
    public abstract string IsOneOf(string column, string parameter);

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A connection to apply migrations on, after creating what a fresh machine lacks; other processes cannot apply
    /// migrations at the same time until <see cref="EndMigrationsAsync"/>.
    /// </summary>
    public abstract Task<DbConnection> BeginMigrationsAsync(CancellationToken cancellationToken);

    public abstract Task EndMigrationsAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="transaction"/> the only one holding <paramref name="lockId"/> until it ends, across
    /// instances: for writes that read the row before (a chain). SQLite's write transactions already exclude each other.
    /// </summary>
    public abstract Task SerializeAsync(DbTransaction transaction, long lockId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a copy of the whole database to <paramref name="path"/>, consistent as of one moment, while the service
    /// keeps running; false where the database has its own tools for that (PostgreSQL: pg_dump).
    /// </summary>
    public abstract Task<bool> BackupAsync(string path, CancellationToken cancellationToken);

    /// <summary>Copies a text column as UTF-8 into <paramref name="buffer"/> (grown when too small); returns its length in bytes.</summary>
    public abstract int ReadUtf8(DbDataReader reader, int ordinal, ref byte[] buffer);

    public abstract ValueTask DisposeAsync();
}
