using System.Security.Cryptography;
using System.Text;
using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Security;

public sealed record ApiKeyIdentity(string Id, Role Role, string? OrganisationId, IReadOnlyList<string> CircleIds);

/// <summary>A key as listed to staff: never its secret or hash.</summary>
public sealed record ApiKeyInfo(string Id, Role Role, string Label, string? OrganisationId, IReadOnlyList<string> CircleIds,
    DateOnly CreatedOn, DateOnly? RevokedOn);

public sealed record NewApiKey(Role Role, string Label, string? OrganisationId, IReadOnlyList<string> CircleIds);

/// <summary>Opaque random keys: the secret is shown once, only its SHA-256 is stored.</summary>
public sealed class ApiKeyStore(Database database, Scopes scopes)
{
    private const string Prefix = "ev_";

    /// <summary>What is wrong with a key's scope, field by field (see <see cref="Scopes.CheckAsync"/>).</summary>
    public Task<Dictionary<string, string>> CheckScopeAsync(NewApiKey key, CancellationToken cancellationToken) =>
        scopes.CheckAsync(new Scope(key.Role, key.OrganisationId, key.CircleIds), "key", cancellationToken);

    /// <summary>Stores a key whose scope <see cref="CheckScopeAsync"/> accepted; returns it with its secret, shown once.</summary>
    public async Task<(ApiKeyInfo Key, string Secret)> CreateAsync(NewApiKey key, DateOnly today, CancellationToken cancellationToken)
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var id = Guid.NewGuid().ToString();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (id, key_hash, role, label, organisation_id, circle_id, created_on)
            VALUES (@id, @keyHash, @role, @Label, @OrganisationId, NULL, @createdOn)
            """,
            new { id, keyHash = Hash(secret), role = Kebab.Name(key.Role), key.Label, key.OrganisationId, createdOn = today.ToIsoString() },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_key_circles (key_id, circle_id) VALUES (@id, @circle)",
            key.CircleIds.Distinct().Select(circle => new { id, circle }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (new ApiKeyInfo(id, key.Role, key.Label, key.OrganisationId, key.CircleIds.Distinct().ToList(), today, null), secret);
    }

    public async Task<ApiKeyIdentity?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        var row = (await SelectAsync("key_hash = @keyHash AND revoked_on IS NULL", new { keyHash = Hash(secret) }, cancellationToken)).SingleOrDefault();
        return row is null ? null : new ApiKeyIdentity(row.Id, Kebab.Parse<Role>(row.Role), row.OrganisationId, row.CircleIds);
    }

    /// <summary>
    /// Keys oldest first after the cursor's (created on, id), at most <paramref name="count"/>: of one organisation, or
    /// every key when <paramref name="organisationId"/> is null; of one role when <paramref name="role"/> is given.
    /// </summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(string? organisationId, Role? role, IReadOnlyList<string>? after, int count,
        CancellationToken cancellationToken) =>
        (await SelectAsync(
            """
            (@organisationId IS NULL OR organisation_id = @organisationId) AND (@role IS NULL OR role = @role)
              AND (@afterCreatedOn IS NULL OR created_on > @afterCreatedOn OR (created_on = @afterCreatedOn AND id > @afterId))
            """,
            new { organisationId, role = role is { } asked ? Kebab.Name(asked) : null, afterCreatedOn = after?[0], afterId = after?[1], count }, cancellationToken, limited: true))
            .Select(row => row.ToInfo()).ToList();

    public async Task<ApiKeyInfo?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await SelectAsync("id = @id", new { id }, cancellationToken)).SingleOrDefault()?.ToInfo();

    /// <summary>Keys matching <paramref name="where"/>, oldest first; <paramref name="limited"/>: at most <c>@count</c> of them.</summary>
    private async Task<IEnumerable<KeyRow>> SelectAsync(string where, object parameters, CancellationToken cancellationToken, bool limited = false)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"""
            SELECT id AS Id, role AS Role, label AS Label, organisation_id AS OrganisationId, created_on AS CreatedOn, revoked_on AS RevokedOn,
                   (SELECT string_agg(circle_id, ' ') FROM api_key_circles WHERE key_id = api_keys.id) AS Circles
            FROM api_keys
            WHERE {where}
            ORDER BY created_on, id
            {(limited ? "LIMIT @count" : "")}
            """,
            parameters, cancellationToken: cancellationToken));
    }

    /// <summary>Revokes a key from today on; a revoked key stays listed (for the audit trail) and never works again.</summary>
    public async Task RevokeAsync(string id, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_on = @today WHERE id = @id AND revoked_on IS NULL",
            new { id, today = today.ToIsoString() }, cancellationToken: cancellationToken));
    }

    private static string Hash(string secret) => Digest.Sha256Hex(secret);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class KeyRow
    {
        public string Id { get; set; } = "";
        public string Role { get; set; } = "";
        public string Label { get; set; } = "";
        public string? OrganisationId { get; set; }
        public string CreatedOn { get; set; } = "";
        public string? RevokedOn { get; set; }
        public string? Circles { get; set; }

        public IReadOnlyList<string> CircleIds => Circles?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

        public ApiKeyInfo ToInfo() => new(Id, Kebab.Parse<Role>(Role), Label, OrganisationId, CircleIds, DateFormats.ParseIsoDate(CreatedOn),
            RevokedOn is null ? null : DateFormats.ParseIsoDate(RevokedOn));
    }
}
