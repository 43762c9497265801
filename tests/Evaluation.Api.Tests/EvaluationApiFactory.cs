using System.Net.Http.Headers;
using Evaluation.Api.Security;
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

/// <summary>The real host on a fresh temporary SQLite file, the shipped instruments (unless told otherwise) and a fake clock.</summary>
public sealed class EvaluationApiFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evaluation-api-tests-").FullName;

    public string DatabasePath => Path.Combine(_folder, "evaluation.db");

    public string InstrumentsPath { get; init; } = RepositoryPaths.Instruments;

    /// <summary>22 November 2026, 10:00 UTC.</summary>
    public FakeTime Time { get; } = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Evaluation:Storage:DatabasePath", DatabasePath);
        builder.UseSetting("Evaluation:InstrumentsPath", InstrumentsPath);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>A client with an admin key: sets up organisations and reaches everything.</summary>
    public Task<HttpClient> CreateStaffClientAsync() => CreateClientWithKeyAsync(Roles.Admin, null);

    /// <summary>A client with a key of <paramref name="role"/> scoped to an organisation and, for circle leads, circles.</summary>
    public async Task<HttpClient> CreateClientWithKeyAsync(string role, string? organisationId, params string[] circleIds)
    {
        var client = CreateClient();
        var (_, secret) = await Services.GetRequiredService<ApiKeyStore>().CreateAsync(
            new NewApiKey(role, $"test {role}", organisationId, circleIds), new DateOnly(2026, 11, 22), CancellationToken.None);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A count read straight from the database file, e.g. <c>CountAsync("responses")</c>.</summary>
    public async Task<long> CountAsync(string table, string where = "1 = 1")
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, $"SELECT count(*) FROM {table} WHERE {where}");
    }

    /// <summary>One single-use invitation stored directly (as the API does after showing it); returns its token.</summary>
    public async Task<string> InviteAsync(string surveyId, string circleId, string group)
    {
        var token = Evaluation.Api.Invitations.InvitationStore.NewToken();
        await Services.GetRequiredService<Evaluation.Api.Invitations.InvitationStore>()
            .StoreAsync(surveyId, circleId, group, Evaluation.Api.Invitations.InvitationKinds.SingleUse, [token], CancellationToken.None);
        return token;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
