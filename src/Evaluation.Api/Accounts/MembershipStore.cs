using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Accounts;

/// <summary>One thing a person may do, from <see cref="StartedOn"/> until it is ended.</summary>
public sealed record Membership(string Id, string PersonId, Scope Scope, DateOnly StartedOn, DateOnly? EndedOn);

/// <summary>
/// People's memberships. The scope of each follows the same rule as a key's (<see cref="Scopes"/>); a person may
/// hold several (an evaluator of one co-op who funds another). Ending one keeps the row for the audit trail.
/// </summary>
public sealed class MembershipStore(Database database)
{
    /// <summary>Stores a membership whose scope <see cref="Scopes.CheckAsync"/> accepted.</summary>
    public async Task<Membership> AddAsync(string personId, Scope scope, DateOnly today, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString();
        var circles = scope.CircleIds.Distinct().ToList();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO memberships (id, person_id, role, organisation_id, started_on) VALUES (@id, @personId, @role, @organisationId, @today)",
            new { id, personId, role = Kebab.Name(scope.Role), organisationId = scope.OrganisationId, today = today.ToIsoString() },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO membership_circles (membership_id, circle_id) VALUES (@id, @circle)",
            circles.Select(circle => new { id, circle }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new Membership(id, personId, scope with { CircleIds = circles }, today, null);
    }

    /// <summary>A person's memberships that have not ended, oldest first.</summary>
    public async Task<IReadOnlyList<Membership>> CurrentAsync(string personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, person_id AS PersonId, role AS Role, organisation_id AS OrganisationId, started_on AS StartedOn, ended_on AS EndedOn,
                   (SELECT string_agg(circle_id, ' ') FROM membership_circles WHERE membership_id = memberships.id) AS Circles
            FROM memberships
            WHERE person_id = @personId AND ended_on IS NULL
            ORDER BY started_on, id
            """,
            new { personId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToMembership()).ToList();
    }

    /// <summary>Ends a membership from today; true when it was current. Ending the person's sessions is the caller's part.</summary>
    public async Task<bool> EndAsync(string membershipId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE memberships SET ended_on = @today WHERE id = @membershipId AND ended_on IS NULL",
            new { membershipId, today = today.ToIsoString() }, cancellationToken: cancellationToken)) == 1;
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string PersonId { get; set; } = "";
        public string Role { get; set; } = "";
        public string? OrganisationId { get; set; }
        public string StartedOn { get; set; } = "";
        public string? EndedOn { get; set; }
        public string? Circles { get; set; }

        public Membership ToMembership() => new(Id, PersonId,
            new Scope(Kebab.Parse<Security.Role>(Role), OrganisationId, (Circles?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? []).Order(StringComparer.Ordinal).ToList()),
            DateFormats.ParseIsoDate(StartedOn), EndedOn is null ? null : DateFormats.ParseIsoDate(EndedOn));
    }
}
