using Npgsql;

namespace Evaluation.Api.Tests;

/// <summary>
/// Which database the integration tests run on. <c>tests/run.sh</c> runs them on SQLite, then starts a private
/// PostgreSQL cluster and runs them again with <c>EVALUATION_TEST_POSTGRES</c> set to its administrator connection
/// string: each test host then gets a database of its own in that cluster.
/// </summary>
public static class TestBackend
{
    public const string Variable = "EVALUATION_TEST_POSTGRES";

    /// <summary>Trait name; values <see cref="SqliteOnly"/>, <see cref="PostgresOnly"/>, <see cref="NoDatabase"/>.</summary>
    public const string Trait = "Storage";

    /// <summary>Inspects the SQLite file itself (pages, rowids, WAL): not run against PostgreSQL.</summary>
    public const string SqliteOnly = "sqlite";

    /// <summary>Needs several hosts sharing one server: run only against PostgreSQL.</summary>
    public const string PostgresOnly = "postgres";

    /// <summary>Touches no database: run once, with SQLite.</summary>
    public const string NoDatabase = "none";

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsPostgres => AdminConnectionString is not null;

    /// <summary>An empty database in the test cluster; returns its connection string.</summary>
    public static string CreatePostgresDatabase()
    {
        var admin = AdminConnectionString
            ?? throw new InvalidOperationException($"{Variable} is not set: tests/run.sh starts a PostgreSQL cluster and sets it.");
        var name = "evaluation_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    public static void DropPostgresDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}
