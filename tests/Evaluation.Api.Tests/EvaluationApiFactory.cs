using System.Data.Common;
using System.Net.Http.Headers;
using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Evaluation.Api.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Evaluation.Api.Tests;

/// <summary>A fixed clock the tests can move.</summary>
public sealed class FakeTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The real host on a fresh database (a temporary SQLite file, or a database of its own in the test PostgreSQL
/// cluster: see <see cref="TestBackend"/>), the shipped instruments (unless told otherwise) and a fake clock.
/// </summary>
public sealed class EvaluationApiFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evaluation-api-tests-").FullName;

    /// <summary>The SQLite file; with PostgreSQL, only the panel secret lives beside this path.</summary>
    public string DatabasePath => Path.Combine(_folder, "evaluation.db");

    /// <summary>The host's own PostgreSQL database, or null on SQLite. Set it to share one database between hosts.</summary>
    public string? PostgresConnectionString { get; init; } = TestBackend.IsPostgres ? TestBackend.CreatePostgresDatabase() : null;

    /// <summary>Whether this host drops its PostgreSQL database when disposed (false when it was given another host's).</summary>
    public bool OwnsDatabase { get; init; } = true;

    /// <summary>The panel secret file; hosts sharing a database must share it too.</summary>
    public string? PanelSecretPath { get; init; }

    public string InstrumentsPath { get; init; } = RepositoryPaths.Instruments;

    /// <summary>
    /// Settings over the defaults. Rate limits are high by default (the tests send many requests a minute from one
    /// address); <see cref="RateLimitTests"/> sets its own.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>When set, every log entry the host writes is kept here too.</summary>
    public LogCapture? Logs { get; init; }

    /// <summary>The host's environment: Development, as WebApplicationFactory's default, unless a test needs Production.</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>22 November 2026, 10:00 UTC.</summary>
    public FakeTime Time { get; } = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Evaluation:Storage:DatabasePath", DatabasePath);
        builder.UseSetting("Evaluation:Storage:PostgresConnectionString", PostgresConnectionString ?? "");
        builder.UseSetting("Evaluation:Storage:PanelSecretPath", PanelSecretPath ?? "");
        builder.UseSetting("Evaluation:InstrumentsPath", InstrumentsPath);
        foreach (var limit in new[] { "CodeAttemptsPerMinute", "RespondentRequestsPerMinute", "ApiRequestsPerMinute" })
        {
            builder.UseSetting($"Evaluation:RateLimits:{limit}", "100000");
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            if (Logs is not null)
            {
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            }
        });
    }

    /// <summary>A client with an admin key: sets up organisations and reaches everything.</summary>
    public Task<HttpClient> CreateStaffClientAsync() => CreateClientWithKeyAsync(Role.Admin, null);

    /// <summary>A client with a key of <paramref name="role"/> scoped to an organisation and, for circle leads, circles.</summary>
    public async Task<HttpClient> CreateClientWithKeyAsync(Role role, string? organisationId, params string[] circleIds)
    {
        var client = CreateClient();
        var (_, secret) = await Services.GetRequiredService<ApiKeyStore>().CreateAsync(
            new NewApiKey(role, $"test {Kebab.Name(role)}", organisationId, circleIds), new DateOnly(2026, 11, 22), CancellationToken.None);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A connection to the host's database, to look at what it stored.</summary>
    public async Task<DbConnection> OpenDatabaseAsync() =>
        await Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);

    /// <summary>A count read straight from the database, e.g. <c>CountAsync("responses")</c>.</summary>
    public async Task<long> CountAsync(string table, string where = "1 = 1")
    {
        await using var connection = await OpenDatabaseAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, $"SELECT count(*) FROM {table} WHERE {where}");
    }

    /// <summary>A table's column names in their order, from the database's own catalogue.</summary>
    public async Task<IReadOnlyList<string>> ColumnsAsync(string table)
    {
        await using var connection = await OpenDatabaseAsync();
        return (await Dapper.SqlMapper.QueryAsync<string>(connection, TestBackend.IsPostgres
            ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position"
            : "SELECT name FROM pragma_table_info(@table)", new { table })).ToList();
    }

    /// <summary>The tables a table's foreign keys point to.</summary>
    public async Task<IReadOnlyList<string>> ForeignKeyTargetsAsync(string table)
    {
        await using var connection = await OpenDatabaseAsync();
        return (await Dapper.SqlMapper.QueryAsync<string>(connection, TestBackend.IsPostgres
            ? """
              SELECT DISTINCT target.relname FROM pg_constraint c
              JOIN pg_class source ON source.oid = c.conrelid JOIN pg_class target ON target.oid = c.confrelid
              WHERE c.contype = 'f' AND source.relname = @table
              """
            : "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(@table)", new { table })).ToList();
    }

    /// <summary>One single-use invitation stored directly (as the API does after showing it); returns its token.</summary>
    public async Task<string> InviteAsync(string surveyId, string circleId, string group)
    {
        var token = Evaluation.Api.Invitations.InvitationStore.NewToken();
        await Services.GetRequiredService<Evaluation.Api.Invitations.InvitationStore>()
            .StoreAsync(surveyId, circleId, group, Evaluation.Api.Invitations.InvitationKind.SingleUse, [token], CancellationToken.None);
        return token;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && OwnsDatabase && PostgresConnectionString is not null)
        {
            TestBackend.DropPostgresDatabase(PostgresConnectionString);
        }
        if (disposing && Directory.Exists(_folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
