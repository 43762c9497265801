using System.Data.Common;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Storage;

/// <summary>
/// Opens one connection per operation to the configured database: PostgreSQL when
/// <see cref="StorageOptions.PostgresConnectionString"/> is set, otherwise the SQLite file at
/// <see cref="StorageOptions.DatabasePath"/>.
/// </summary>
public sealed class Database(IOptions<StorageOptions> options) : IAsyncDisposable
{
    public SqlDialect Dialect { get; } = options.Value.PostgresConnectionString.Length > 0
        ? new PostgresDialect(options.Value.PostgresConnectionString)
        : new SqliteDialect(options.Value.DatabasePath);

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => Dialect.OpenAsync(cancellationToken);

    public ValueTask DisposeAsync() => Dialect.DisposeAsync();
}
