using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Evaluation.Api.Security;

namespace Evaluation.Api.Tests;

/// <summary>The staff audit log is a hash chain: concurrent writers keep it whole, and any edited or removed entry is found.</summary>
public sealed class AuditChainTests : IAsyncDisposable
{
    private readonly EvaluationApiFactory _factory = new();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static async Task<AuditVerification> VerifyAsync(HttpClient admin)
    {
        var json = (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verification"))!;
        return new AuditVerification(json["checked"]!.GetValue<long>(), json["unchained"]!.GetValue<long>(), json["firstBrokenId"]?.GetValue<long>(),
            json["headHash"]?.GetValue<string>());
    }

    private async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await _factory.OpenDatabaseAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    [Fact]
    public async Task ConcurrentWriters_KeepOneUnbrokenChain_AndAnEditedOrRemovedEntryIsFound()
    {
        var admin = await _factory.CreateStaffClientAsync();
        var other = await _factory.CreateStaffClientAsync();
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            (i % 2 == 0 ? admin : other).PostAsJsonAsync("/api/organisations", new { name = $"Co-op {i}" })));
        var entries = await _factory.CountAsync("audit_log");

        var whole = await VerifyAsync(admin);
        Assert.True(whole.Intact);
        Assert.Equal((entries, 0L), (whole.Checked, whole.Unchained));
        Assert.Matches("^[0-9a-f]{64}$", whole.HeadHash!);

        long[] ids;
        await using (var connection = await _factory.OpenDatabaseAsync())
        {
            ids = (await connection.QueryAsync<long>("SELECT id FROM audit_log ORDER BY id")).ToArray();
        }
        var (edited, removed) = (ids[5], ids[12]);
        await ExecuteAsync("UPDATE audit_log SET object_type = 'nothing' WHERE id = @edited", new { edited });
        Assert.Equal(edited, (await VerifyAsync(admin)).FirstBrokenId);

        await ExecuteAsync("UPDATE audit_log SET object_type = 'organisation' WHERE id = @edited", new { edited });
        Assert.True((await VerifyAsync(admin)).Intact); // put back exactly, it fits again
        await ExecuteAsync("DELETE FROM audit_log WHERE id = @removed", new { removed });
        Assert.Equal(ids[13], (await VerifyAsync(admin)).FirstBrokenId); // the entry after the gap no longer links
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _factory.CreateClientWithKeyAsync(Role.Evaluator, null))
            .GetAsync("/api/audit/verification")).StatusCode);
    }
}
