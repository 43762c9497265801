using System.Data.Common;
using System.Globalization;
using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Security;

/// <summary>One staff action: who (key and role), what, which object, when. Never answer content or secrets.</summary>
public sealed record AuditEntry(DateTimeOffset At, string KeyId, Role Role, string Action, string ObjectType, string? ObjectId, string? OrganisationId);

/// <summary>What checking the chain found: how many entries it covers, the first that does not fit, and the newest hash.</summary>
/// <param name="Unchained">Entries from before the chain began (migration 015), not covered by it.</param>
/// <param name="FirstBrokenId">The first entry whose hash is not what its fields and the entry before it give; null when all fit.</param>
/// <param name="HeadHash">The newest entry's hash: note it down elsewhere, and a later check shows nothing before it was rewritten.</param>
public sealed record AuditVerification(long Checked, long Unchained, long? FirstBrokenId, string? HeadHash)
{
    public bool Intact => FirstBrokenId is null;
}

public sealed class AuditLog(Database database, TimeProvider time, WriteQueue writes)
{
    /// <summary>The lock that orders writers of the chain across instances (an arbitrary constant of this application).</summary>
    private const long ChainLock = 0x45_76_61_6C_41_75_64;

    /// <summary>The hash the first chained entry links to.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Appends an entry to the chain in the next group commit (<see cref="WriteQueue"/>); returns once it is durable.</summary>
    public Task RecordAsync(Caller caller, string action, string objectType, string? objectId, string? organisationId, bool dayOnly,
        CancellationToken cancellationToken)
    {
        return writes.RunAsync(new EntryWrite(this, new AuditAction(caller, action, objectType, objectId, organisationId, dayOnly)), cancellationToken);
    }

    /// <summary>An entry appended on its own (not with another action's write).</summary>
    private sealed record EntryWrite(AuditLog Log, AuditAction Entry) : IWrite<bool>
    {
        public async Task<WriteOutcome<bool>> RunAsync(DbConnection connection, DbTransaction transaction)
        {
            await Log.AppendAsync(connection, transaction, Entry);
            return new WriteOutcome<bool>(true);
        }
    }

    /// <summary>Appends an entry to the chain inside the caller's write, so that the action and its record commit together.</summary>
    public async Task AppendAsync(DbConnection connection, DbTransaction transaction, AuditAction entry)
    {
        var at = time.GetUtcNow().ToString(entry.DayOnly ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var (keyId, role) = (entry.Caller.KeyId, Kebab.Name(entry.Caller.Role));
        await database.Dialect.SerializeAsync(transaction, ChainLock, CancellationToken.None);
        var previous = await connection.Reusable(transaction, "SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1")
            .ExecuteScalarAsync() as string;
        await connection.Reusable(transaction,
                """
                INSERT INTO audit_log (at, key_id, role, action, object_type, object_id, organisation_id, hash)
                VALUES (@at, @keyId, @role, @action, @objectType, @objectId, @organisationId, @hash)
                """)
            .Set("@at", at).Set("@keyId", keyId).Set("@role", role).Set("@action", entry.Action).Set("@objectType", entry.ObjectType)
            .Set("@objectId", entry.ObjectId).Set("@organisationId", entry.OrganisationId)
            .Set("@hash", Link(previous ?? Genesis, at, keyId, role, entry.Action, entry.ObjectType, entry.ObjectId, entry.OrganisationId))
            .ExecuteNonQueryAsync();
    }

    /// <summary>An entry's hash: SHA-256 (lower-case hex) of the previous hash and the entry's fields, one per line.</summary>
    public static string Link(string previous, string at, string keyId, string role, string action, string objectType, string? objectId,
        string? organisationId) =>
        Digest.Sha256Hex(string.Join('\n', previous, at, keyId, role, action, objectType, objectId ?? "", organisationId ?? ""));

    /// <summary>Walks the whole log oldest first and recomputes every chained entry's hash.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = connection.QueryUnbufferedAsync<ChainedEntry>(
            """
            SELECT id AS Id, at AS At, key_id AS KeyId, role AS Role, action AS Action, object_type AS ObjectType, object_id AS ObjectId,
                   organisation_id AS OrganisationId, hash AS Hash
            FROM audit_log ORDER BY id
            """);
        var (chained, unchained, previous) = (0L, 0L, (string?)null);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.Hash is null && previous is null)
            {
                unchained++; // from before the chain began
                continue;
            }
            var expected = Link(previous ?? Genesis, row.At, row.KeyId, row.Role, row.Action, row.ObjectType, row.ObjectId, row.OrganisationId);
            if (row.Hash != expected)
            {
                return new AuditVerification(chained, unchained, row.Id, previous);
            }
            chained++;
            previous = row.Hash;
        }
        return new AuditVerification(chained, unchained, null, previous);
    }

    private sealed record ChainedEntry(long Id, string At, string KeyId, string Role, string Action, string ObjectType, string? ObjectId,
        string? OrganisationId, string? Hash);

    /// <summary>The newest entries first, of one organisation or (null) of all.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? organisationId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string At, string KeyId, string Role, string Action, string ObjectType, string? ObjectId, string? OrganisationId)>(
            new CommandDefinition(
                """
                SELECT at, key_id, role, action, object_type, object_id, organisation_id
                FROM audit_log
                WHERE @organisationId IS NULL OR organisation_id = @organisationId
                ORDER BY id DESC
                LIMIT @limit
                """,
                new { organisationId, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new AuditEntry(DateTimeOffset.Parse(r.At, CultureInfo.InvariantCulture), r.KeyId, Kebab.Parse<Role>(r.Role), r.Action, r.ObjectType,
            r.ObjectId, r.OrganisationId)).ToList();
    }
}
