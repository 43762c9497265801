using Dapper;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Organisations;

public sealed record Organisation(string Id, string Name, DateOnly CreatedOn, IReadOnlyList<Circle> Circles, IReadOnlyList<Team> Teams);

/// <summary>An organisation as a list shows it: what it is, without its circles and teams.</summary>
public sealed record OrganisationSummary(string Id, string Name, DateOnly CreatedOn);

/// <summary>A circle (the people around one person's care, or a working group); it may sit inside another and belong to a team.</summary>
public sealed record Circle(string Id, string Name, string? ParentCircleId, string? TeamId);

/// <summary>A circle as a list shows it, with the organisation it belongs to.</summary>
public sealed record CircleSummary(string Id, string OrganisationId, string Name, string? ParentCircleId, string? TeamId);

/// <summary>An optional group of circles (a locality, a service) that can be surveyed together.</summary>
public sealed record Team(string Id, string Name);

public enum AddCircleOutcome
{
    Added,
    UnknownOrganisation,
    UnknownParent,
    UnknownTeam,
    DuplicateName,
}

public enum AddTeamOutcome
{
    Added,
    UnknownOrganisation,
    DuplicateName,
}

public enum SetTeamOutcome
{
    Set,
    UnknownCircle,
    UnknownTeam,
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
        return new Organisation(id, name, today, [], []);
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
            SELECT id AS Id, name AS Name, parent_circle_id AS ParentCircleId, team_id AS TeamId
            FROM circles
            WHERE organisation_id = @id
            ORDER BY name
            """,
            new { id }, cancellationToken: cancellationToken));
        var teams = await connection.QueryAsync<TeamRow>(new CommandDefinition(
            "SELECT id AS Id, name AS Name FROM teams WHERE organisation_id = @id ORDER BY name",
            new { id }, cancellationToken: cancellationToken));
        return new Organisation(row.Id, row.Name, DateFormats.ParseIsoDate(row.CreatedOn),
            circles.Select(c => new Circle(c.Id, c.Name, c.ParentCircleId, c.TeamId)).ToList(), teams.Select(t => new Team(t.Id, t.Name)).ToList());
    }

    /// <summary>
    /// Organisations by name (then id) after the cursor's (name, id), at most <paramref name="count"/>; only
    /// <paramref name="onlyId"/> when it is given (an evaluator sees their own).
    /// </summary>
    public async Task<IReadOnlyList<OrganisationSummary>> ListAsync(string? onlyId, IReadOnlyList<string>? after, int count,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrganisationRow>(new CommandDefinition(
            """
            SELECT id AS Id, name AS Name, created_on AS CreatedOn
            FROM organisations
            WHERE (@onlyId IS NULL OR id = @onlyId)
              AND (@afterName IS NULL OR name > @afterName OR (name = @afterName AND id > @afterId))
            ORDER BY name, id
            LIMIT @count
            """,
            new { onlyId, afterName = after?[0], afterId = after?[1], count }, cancellationToken: cancellationToken));
        return rows.Select(r => new OrganisationSummary(r.Id, r.Name, DateFormats.ParseIsoDate(r.CreatedOn))).ToList();
    }

    /// <summary>
    /// Circles by organisation, name and id after the cursor's, at most <paramref name="count"/>: of one organisation
    /// or of all (null); only <paramref name="onlyIds"/> when given (a circle lead's); of one team when given.
    /// </summary>
    public async Task<IReadOnlyList<CircleSummary>> ListCirclesAsync(string? organisationId, IReadOnlyList<string>? onlyIds, string? teamId,
        IReadOnlyList<string>? after, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CircleSummaryRow>(new CommandDefinition(
            $"""
            SELECT id AS Id, organisation_id AS OrganisationId, name AS Name, parent_circle_id AS ParentCircleId, team_id AS TeamId
            FROM circles
            WHERE (@organisationId IS NULL OR organisation_id = @organisationId) AND (@teamId IS NULL OR team_id = @teamId)
              AND (@anyCircle = 1 OR {database.Dialect.IsOneOf("id", "onlyIds")})
              AND (@afterOrganisation IS NULL OR organisation_id > @afterOrganisation
                   OR (organisation_id = @afterOrganisation AND (name > @afterName OR (name = @afterName AND id > @afterId))))
            ORDER BY organisation_id, name, id
            LIMIT @count
            """,
            new
            {
                organisationId,
                teamId,
                anyCircle = onlyIds is null ? 1 : 0,
                onlyIds = onlyIds ?? [],
                afterOrganisation = after?[0],
                afterName = after?[1],
                afterId = after?[2],
                count,
            },
            cancellationToken: cancellationToken));
        return rows.Select(r => new CircleSummary(r.Id, r.OrganisationId, r.Name, r.ParentCircleId, r.TeamId)).ToList();
    }

    public async Task<(AddCircleOutcome Outcome, Circle? Circle)> AddCircleAsync(
        string organisationId, string name, string? parentCircleId, string? teamId, DateOnly today, CancellationToken cancellationToken)
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
        if (teamId is not null && !await TeamExistsAsync(connection, transaction, organisationId, teamId, cancellationToken))
        {
            return (AddCircleOutcome.UnknownTeam, null);
        }
        if (existing.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return (AddCircleOutcome.DuplicateName, null);
        }
        var circle = new Circle(Guid.NewGuid().ToString(), name, parentCircleId, teamId);
        // A concurrent request adding the same name (possible on PostgreSQL, which lets writers overlap) wins.
        var added = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO circles (id, organisation_id, parent_circle_id, team_id, name, created_on)
            VALUES (@Id, @organisationId, @ParentCircleId, @TeamId, @Name, @createdOn)
            ON CONFLICT (organisation_id, name) DO NOTHING
            """,
            new { circle.Id, organisationId, circle.ParentCircleId, circle.TeamId, circle.Name, createdOn = today.ToIsoString() },
            transaction, cancellationToken: cancellationToken));
        if (added == 0)
        {
            return (AddCircleOutcome.DuplicateName, null);
        }
        await transaction.CommitAsync(cancellationToken);
        return (AddCircleOutcome.Added, circle);
    }

    public async Task<(AddTeamOutcome Outcome, Team? Team)> AddTeamAsync(string organisationId, string name, DateOnly today,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var names = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM teams WHERE organisation_id = @organisationId", new { organisationId }, transaction,
            cancellationToken: cancellationToken))).ToList();
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT count(*) FROM organisations WHERE id = @organisationId", new { organisationId }, transaction,
                cancellationToken: cancellationToken)) == 0)
        {
            return (AddTeamOutcome.UnknownOrganisation, null);
        }
        if (names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
        {
            return (AddTeamOutcome.DuplicateName, null);
        }
        var team = new Team(Guid.NewGuid().ToString(), name);
        var added = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO teams (id, organisation_id, name, created_on) VALUES (@Id, @organisationId, @Name, @createdOn)
            ON CONFLICT (organisation_id, name) DO NOTHING
            """,
            new { team.Id, organisationId, team.Name, createdOn = today.ToIsoString() }, transaction, cancellationToken: cancellationToken));
        if (added == 0)
        {
            return (AddTeamOutcome.DuplicateName, null);
        }
        await transaction.CommitAsync(cancellationToken);
        return (AddTeamOutcome.Added, team);
    }

    /// <summary>Moves a circle into a team of its organisation, or out of any team (<paramref name="teamId"/> null).</summary>
    public async Task<(SetTeamOutcome Outcome, Circle? Circle)> SetTeamAsync(string organisationId, string circleId, string? teamId,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (teamId is not null && !await TeamExistsAsync(connection, transaction, organisationId, teamId, cancellationToken))
        {
            return (SetTeamOutcome.UnknownTeam, null);
        }
        var circle = await connection.QuerySingleOrDefaultAsync<CircleRow>(new CommandDefinition(
            """
            UPDATE circles SET team_id = @teamId WHERE id = @circleId AND organisation_id = @organisationId
            RETURNING id AS Id, name AS Name, parent_circle_id AS ParentCircleId, team_id AS TeamId
            """,
            new { organisationId, circleId, teamId }, transaction, cancellationToken: cancellationToken));
        if (circle is null)
        {
            return (SetTeamOutcome.UnknownCircle, null);
        }
        await transaction.CommitAsync(cancellationToken);
        return (SetTeamOutcome.Set, new Circle(circle.Id, circle.Name, circle.ParentCircleId, circle.TeamId));
    }

    private static async Task<bool> TeamExistsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        string organisationId, string teamId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM teams WHERE id = @teamId AND organisation_id = @organisationId", new { organisationId, teamId }, transaction,
            cancellationToken: cancellationToken)) == 1;

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
        public string? TeamId { get; set; }
    }

    private sealed class CircleSummaryRow
    {
        public string Id { get; set; } = "";
        public string OrganisationId { get; set; } = "";
        public string Name { get; set; } = "";
        public string? ParentCircleId { get; set; }
        public string? TeamId { get; set; }
    }

    private sealed class TeamRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
    }
}
