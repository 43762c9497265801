using Dapper;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Organisations;

public sealed record Organisation(string Id, string Name, DateOnly CreatedOn, IReadOnlyList<Circle> Circles);

public sealed record Circle(string Id, string Name, string? ParentCircleId);

public enum AddCircleOutcome
{
    Added,
    UnknownOrganisation,
    UnknownParent,
    DuplicateName,
}

public sealed class OrganisationStore(Database database)
{
    public async Task<Organisation> CreateAsync(string name, DateOnly today, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO organisations (id, name, created_on)
            VALUES (@id, @name, @createdOn)
            """,
            new { id, name, createdOn = today.ToIsoString() }, cancellationToken: cancellationToken));
        return new Organisation(id, name, today, []);
    }

    public async Task<Organisation?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OrganisationRow>(new CommandDefinition(
            """
            SELECT id AS Id, name AS Name, created_on AS CreatedOn
            FROM organisations
            WHERE id = @id
            """,
            new { id }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }
        var circles = await connection.QueryAsync<CircleRow>(new CommandDefinition(
            """
            SELECT id AS Id, name AS Name, parent_circle_id AS ParentCircleId
            FROM circles
            WHERE organisation_id = @id
            ORDER BY name
            """,
            new { id }, cancellationToken: cancellationToken));
        return new Organisation(row.Id, row.Name, DateFormats.ParseIsoDate(row.CreatedOn),
            circles.Select(c => new Circle(c.Id, c.Name, c.ParentCircleId)).ToList());
    }

    public async Task<(AddCircleOutcome Outcome, Circle? Circle)> AddCircleAsync(
        string organisationId, string name, string? parentCircleId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await connection.QueryAsync<CircleRow>(new CommandDefinition(
            """
            SELECT id AS Id, name AS Name, parent_circle_id AS ParentCircleId
            FROM circles
            WHERE organisation_id = @organisationId
            """,
            new { organisationId }, transaction, cancellationToken: cancellationToken));
        var organisationExists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(1) FROM organisations WHERE id = @organisationId",
            new { organisationId }, transaction, cancellationToken: cancellationToken)) == 1;
        if (!organisationExists)
        {
            return (AddCircleOutcome.UnknownOrganisation, null);
        }
        if (parentCircleId is not null && existing.All(c => c.Id != parentCircleId))
        {
            return (AddCircleOutcome.UnknownParent, null);
        }
        if (existing.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return (AddCircleOutcome.DuplicateName, null);
        }
        var circle = new Circle(Guid.NewGuid().ToString(), name, parentCircleId);
        // A concurrent request adding the same name (possible on PostgreSQL, which lets writers overlap) wins.
        var added = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO circles (id, organisation_id, parent_circle_id, name, created_on)
            VALUES (@Id, @organisationId, @ParentCircleId, @Name, @createdOn)
            ON CONFLICT (organisation_id, name) DO NOTHING
            """,
            new { circle.Id, organisationId, circle.ParentCircleId, circle.Name, createdOn = today.ToIsoString() },
            transaction, cancellationToken: cancellationToken));
        if (added == 0)
        {
            return (AddCircleOutcome.DuplicateName, null);
        }
        await transaction.CommitAsync(cancellationToken);
        return (AddCircleOutcome.Added, circle);
    }

    private sealed class OrganisationRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string CreatedOn { get; set; } = "";
    }

    private sealed class CircleRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? ParentCircleId { get; set; }
    }
}
