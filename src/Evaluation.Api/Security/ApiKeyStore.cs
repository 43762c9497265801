using System.Security.Cryptography;
using System.Text;
using Dapper;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Security;

public sealed record ApiKeyIdentity(string Id, string Role, string? OrganisationId, string? CircleId);

/// <summary>Opaque random keys: the secret is shown once, only its SHA-256 is stored.</summary>
public sealed class ApiKeyStore(Database database)
{
    private const string Prefix = "ev_";

    public async Task<(ApiKeyIdentity Identity, string Secret)> CreateAsync(string role, DateOnly today, CancellationToken cancellationToken)
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var identity = new ApiKeyIdentity(Guid.NewGuid().ToString(), role, null, null);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (id, key_hash, role, organisation_id, circle_id, created_on)
            VALUES (@Id, @keyHash, @Role, @OrganisationId, @CircleId, @createdOn)
            """,
            new { identity.Id, keyHash = Hash(secret), identity.Role, identity.OrganisationId, identity.CircleId, createdOn = today.ToIsoString() },
            cancellationToken: cancellationToken));
        return (identity, secret);
    }

    public async Task<ApiKeyIdentity?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            """
            SELECT id AS Id, role AS Role, organisation_id AS OrganisationId, circle_id AS CircleId
            FROM api_keys
            WHERE key_hash = @keyHash AND revoked_on IS NULL
            """,
            new { keyHash = Hash(secret) }, cancellationToken: cancellationToken));
        return row is null ? null : new ApiKeyIdentity(row.Id, row.Role, row.OrganisationId, row.CircleId);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class KeyRow
    {
        public string Id { get; set; } = "";
        public string Role { get; set; } = "";
        public string? OrganisationId { get; set; }
        public string? CircleId { get; set; }
    }
}
