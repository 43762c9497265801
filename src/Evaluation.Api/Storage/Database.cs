using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Storage;

/// <summary>Opens one SQLite connection per operation with the project's pragmas (foreign keys, full sync).</summary>
public sealed class Database(IOptions<StorageOptions> options)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.Value.DatabasePath),
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string FilePath { get; } = Path.GetFullPath(options.Value.DatabasePath);

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // secure_delete: a withdrawn response's bytes are overwritten, not left in free pages.
        pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA secure_delete = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
