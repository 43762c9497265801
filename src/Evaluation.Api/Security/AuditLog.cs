using System.Globalization;
using Dapper;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Security;

/// <summary>One staff action: who (key and role), what, which object, when. Never answer content or secrets.</summary>
public sealed record AuditEntry(DateTimeOffset At, string KeyId, string Role, string Action, string ObjectType, string? ObjectId, string? OrganisationId);

public sealed class AuditLog(Database database, TimeProvider time)
{
    public async Task RecordAsync(Caller caller, string action, string objectType, string? objectId, string? organisationId, bool dayOnly,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (at, key_id, role, action, object_type, object_id, organisation_id)
            VALUES (@at, @KeyId, @Role, @action, @objectType, @objectId, @organisationId)
            """,
            new
            {
                at = time.GetUtcNow().ToString(dayOnly ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                caller.KeyId,
                caller.Role,
                action,
                objectType,
                objectId,
                organisationId,
            },
            cancellationToken: cancellationToken));
    }

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
        return rows.Select(r => new AuditEntry(DateTimeOffset.Parse(r.At, CultureInfo.InvariantCulture), r.KeyId, r.Role, r.Action, r.ObjectType,
            r.ObjectId, r.OrganisationId)).ToList();
    }
}
