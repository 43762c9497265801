using System.Reflection;
using Dapper;

namespace Evaluation.Api.Storage;

/// <summary>Applies the embedded, numbered SQL scripts in order, each once, each in its own transaction.</summary>
public sealed partial class Migrator(Database database, TimeProvider time, ILogger<Migrator> logger)
{
    private const string ResourcePrefix = "Evaluation.Api.Storage.Migrations.";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database.FilePath)!);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER NOT NULL PRIMARY KEY,
                name        TEXT NOT NULL,
                applied_on  TEXT NOT NULL
            );
            """, cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT version FROM schema_migrations", cancellationToken: cancellationToken))).ToHashSet();

        foreach (var (version, name, sql) in Scripts().Where(s => !applied.Contains(s.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_on) VALUES (@version, @name, @appliedOn)",
                new { version, name, appliedOn = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            LogApplied(logger, version, name);
        }
    }

    internal static IEnumerable<(long Version, string Name, string Sql)> Scripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var fileName = name[ResourcePrefix.Length..];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return (long.Parse(fileName.AsSpan(0, fileName.IndexOf('_')), System.Globalization.CultureInfo.InvariantCulture),
                    fileName, reader.ReadToEnd());
            })
            .OrderBy(script => script.Item1);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, long version, string name);
}
