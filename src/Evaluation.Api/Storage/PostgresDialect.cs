using System.Data.Common;
using System.Text;
using Npgsql;

namespace Evaluation.Api.Storage;

/// <summary>
/// PostgreSQL, for several service instances sharing one database. One pooled data source per process; migrations
/// are serialised across instances with an advisory lock.
/// </summary>
public sealed class PostgresDialect : SqlDialect
{
    /// <summary>The advisory lock every instance takes while it migrates (an arbitrary constant of this application).</summary>
    private const long MigrationLock = 0x45_76_61_6C_4D_69_67; // "EvalMig"

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _dataSource = NpgsqlDataSource.Create(builder);
        Location = $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
    }

    public override string Name => "Postgres";

    public override string Location { get; }

    /// <summary>PostgreSQL has no rowid to choose: see the README's known limits for what its storage keeps.</summary>
    public override bool HasRandomRowId => false;

    public override bool HasSingleWriter => false;

    public override string ForShare => " FOR SHARE";

    public override string IsOneOf(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async Task<DbConnection> BeginMigrationsAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT pg_advisory_lock({MigrationLock})";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public override async Task SerializeAsync(DbTransaction transaction, long lockId, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({lockId})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override Task<bool> BackupAsync(string path, CancellationToken cancellationToken) => Task.FromResult(false);

    public override async Task EndMigrationsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT pg_advisory_unlock({MigrationLock})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override int ReadUtf8(DbDataReader reader, int ordinal, ref byte[] buffer)
    {
        var text = reader.GetString(ordinal);
        var length = Encoding.UTF8.GetByteCount(text);
        if (length > buffer.Length)
        {
            buffer = new byte[length];
        }
        return Encoding.UTF8.GetBytes(text, buffer);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
