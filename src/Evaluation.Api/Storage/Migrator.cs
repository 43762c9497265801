using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Evaluation.Api.Hosting;

namespace Evaluation.Api.Storage;

/// <summary>
/// Applies the embedded, numbered SQL scripts (<c>NNN_name.sql</c>) in order, each once and in its own
/// transaction, and records a checksum of each: a script edited after it was applied stops the start-up. Each dialect
/// has its own scripts under the same numbers, so a version means the same schema on SQLite and on PostgreSQL.
/// </summary>
public sealed partial class Migrator(Database database, TimeProvider time, ILogger<Migrator> logger)
{
    private const string ResourcePrefix = "Evaluation.Api.Storage.Migrations.";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        await using var connection = await dialect.BeginMigrationsAsync(cancellationToken);
        try
        {
            await ApplyAsync(connection, dialect, cancellationToken);
        }
        finally
        {
            await dialect.EndMigrationsAsync(connection, CancellationToken.None);
        }
    }

    private async Task ApplyAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER NOT NULL PRIMARY KEY,
                name        TEXT NOT NULL,
                sha256      TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            );
            """, cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<AppliedRow>(new CommandDefinition(
            "SELECT version AS Version, name AS Name, sha256 AS Sha256 FROM schema_migrations", cancellationToken: cancellationToken)))
            .ToDictionary(row => row.Version);

        foreach (var script in Scripts(dialect.Name))
        {
            if (applied.TryGetValue(script.Version, out var row))
            {
                if (row.Sha256 != script.Sha256)
                {
                    throw new MigrationException(
                        $"Migration {script.Name} was edited after it was applied to {dialect.Location}. Applied migrations never change: add a new numbered script instead.");
                }
                continue;
            }
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Another process may have applied it since the list was read (on SQLite this transaction now holds the write lock).
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM schema_migrations WHERE version = @Version",
                    new { script.Version }, transaction, cancellationToken: cancellationToken)) > 0)
            {
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO schema_migrations (version, name, sha256, applied_at)
                VALUES (@Version, @Name, @Sha256, @appliedAt)
                """,
                new { script.Version, script.Name, script.Sha256, appliedAt = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
                transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            LogApplied(logger, script.Version, script.Name);
        }
    }

    internal sealed record Script(long Version, string Name, string Sql, string Sha256);

    /// <summary>The scripts of one dialect (<see cref="SqlDialect.Name"/>), in order.</summary>
    internal static IReadOnlyList<Script> Scripts(string dialect)
    {
        var prefix = ResourcePrefix + dialect + ".";
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(resource =>
            {
                var name = resource[prefix.Length..];
                var match = ScriptName().Match(name);
                if (!match.Success)
                {
                    throw new MigrationException($"Migration script '{name}' must be named NNN_description.sql.");
                }
                using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
                var sql = reader.ReadToEnd();
                return new Script(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, sql,
                    Digest.Sha256Hex(sql.ReplaceLineEndings("\n")));
            })
            .OrderBy(script => script.Version)
            .ToList();
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? scripts
            : throw new MigrationException($"Two migration scripts share number {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Name))}.");
    }

    [GeneratedRegex(@"^(\d+)_[A-Za-z0-9_\-]+\.sql$")]
    private static partial Regex ScriptName();

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, long version, string name);

    private sealed class AppliedRow
    {
        public long Version { get; set; }
        public string Name { get; set; } = "";
        public string Sha256 { get; set; } = "";
    }
}

/// <summary>The database schema cannot be brought up to date safely; the host does not start.</summary>
public sealed class MigrationException(string message) : Exception(message);
