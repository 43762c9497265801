using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;
using Evaluation.Instruments;

namespace Evaluation.Api.Surveys;

public sealed record SurveyInstrumentRef(string Id, string Version);

public sealed record SurveyCircle(string Id, string Name);

public enum SurveyStatus
{
    Draft,
    Open,
    Closed,
}

/// <summary>
/// <c>anonymous</c>: nothing links a response to a person or to another wave. <c>pseudonymous</c>: a panel code,
/// held apart from the answers, will let an evaluator follow individual change across waves (with invitations).
/// </summary>
public enum AnonymityMode
{
    Anonymous,
    Pseudonymous,
}

public sealed record Survey(
    string Id,
    string OrganisationId,
    string OrganisationName,
    SurveyInstrumentRef Instrument,
    string Title,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    SurveyStatus Status,
    AnonymityMode Anonymity,
    IReadOnlyList<string> StakeholderGroups,
    IReadOnlyList<SurveyCircle> Circles)
{
    /// <summary>Responses are taken only while the survey is open and today lies between its dates.</summary>
    public bool AcceptsResponsesOn(DateOnly day) => Status == SurveyStatus.Open && day >= OpensOn && day <= ClosesOn;

    /// <summary>Closed by hand, or open and past its closing day; never a draft.</summary>
    public bool IsClosedOn(DateOnly day) => Status == SurveyStatus.Closed || (Status == SurveyStatus.Open && day > ClosesOn);
}

/// <summary>A change to a survey; null leaves a field as it is.</summary>
public sealed record SurveyChange(string? Title, DateOnly? OpensOn, DateOnly? ClosesOn, LoadedFile<SurveyInstrument>? Instrument);

public sealed record NewSurvey(
    string OrganisationId,
    LoadedFile<SurveyInstrument> Instrument,
    string Title,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    IReadOnlyList<string> StakeholderGroups,
    IReadOnlyList<string> CircleIds,
    AnonymityMode Anonymity = AnonymityMode.Anonymous);

public enum UpdateSurveyOutcome
{
    Updated,
    InstrumentEditedAfterPublication,
    StatusChanged,
}

public enum CreateSurveyOutcome
{
    Created,
    InstrumentEditedAfterPublication,
}

public sealed class SurveyStore(Database database)
{
    private readonly ConcurrentDictionary<string, SurveyMembers> _members = new(StringComparer.Ordinal);

    public async Task<(CreateSurveyOutcome Outcome, string? SurveyId)> CreateAsync(NewSurvey survey, DateOnly today, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString();
        var instrument = survey.Instrument.Content;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await PublishAsync(connection, transaction, survey.Instrument, today, cancellationToken))
        {
            return (CreateSurveyOutcome.InstrumentEditedAfterPublication, null);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO surveys (id, organisation_id, instrument_id, instrument_version, title, opens_on, closes_on, created_on, status, anonymity)
            VALUES (@id, @OrganisationId, @instrumentId, @instrumentVersion, @Title, @opensOn, @closesOn, @createdOn, 'draft', @anonymity)
            """,
            new
            {
                id,
                survey.OrganisationId,
                instrumentId = instrument.Id,
                instrumentVersion = instrument.Version,
                survey.Title,
                opensOn = survey.OpensOn.ToIsoString(),
                closesOn = survey.ClosesOn.ToIsoString(),
                createdOn = today.ToIsoString(),
                anonymity = Kebab.Name(survey.Anonymity),
            },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO survey_groups (survey_id, stakeholder_group, position) VALUES (@id, @group, @position)",
            survey.StakeholderGroups.Select((group, position) => new { id, group, position }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO survey_circles (survey_id, circle_id) VALUES (@id, @circleId)",
            survey.CircleIds.Select(circleId => new { id, circleId }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (CreateSurveyOutcome.Created, id);
    }

    /// <summary>Opens a draft (or leaves an open survey open); false when it has been closed meanwhile.</summary>
    public async Task<bool> OpenAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("UPDATE surveys SET status = 'open' WHERE id = @id AND status <> 'closed'",
            new { id }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Closes a survey for good: its closing date becomes today if that is earlier (so tokens are purged on time), and
    /// the drafts saved with its invitations (and the respondent form's answers in progress) are deleted at once.
    /// </summary>
    public async Task CloseAsync(string id, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE surveys SET status = 'closed',
                closes_on = CASE WHEN closes_on <= @today THEN closes_on WHEN opens_on >= @today THEN opens_on ELSE @today END
            WHERE id = @id AND status <> 'closed'
            """,
            new { id, today = today.ToIsoString() }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("UPDATE invitations SET draft = NULL WHERE survey_id = @id",
            new { id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM form_sessions WHERE survey_id = @id",
            new { id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Applies a change, re-checking the status in the same statement (a concurrent open or close wins): nothing once
    /// closed, the instrument only in a draft.
    /// </summary>
    public async Task<UpdateSurveyOutcome> UpdateAsync(string id, SurveyChange change, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (change.Instrument is { } instrument && !await PublishAsync(connection, transaction, instrument, today, cancellationToken))
        {
            return UpdateSurveyOutcome.InstrumentEditedAfterPublication;
        }
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE surveys SET
                title = COALESCE(@Title, title),
                opens_on = COALESCE(@opensOn, opens_on),
                closes_on = COALESCE(@closesOn, closes_on),
                instrument_id = COALESCE(@instrumentId, instrument_id),
                instrument_version = COALESCE(@instrumentVersion, instrument_version)
            WHERE id = @id AND status <> 'closed' AND (@instrumentId IS NULL OR status = 'draft')
            """,
            new
            {
                id,
                change.Title,
                opensOn = change.OpensOn?.ToIsoString(),
                closesOn = change.ClosesOn?.ToIsoString(),
                instrumentId = change.Instrument?.Content.Id,
                instrumentVersion = change.Instrument?.Content.Version,
            },
            transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return UpdateSurveyOutcome.StatusChanged;
        }
        await transaction.CommitAsync(cancellationToken);
        return UpdateSurveyOutcome.Updated;
    }

    /// <summary>
    /// The first survey to use an instrument version publishes it; after that its file may not change. Two surveys
    /// publishing the same version at once both succeed: the second insert does nothing and the hashes are compared.
    /// </summary>
    private static async Task<bool> PublishAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        LoadedFile<SurveyInstrument> file, DateOnly today, CancellationToken cancellationToken)
    {
        var instrument = file.Content;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO instrument_versions (instrument_id, version, content_sha256, published_on)
            VALUES (@Id, @Version, @sha, @publishedOn)
            ON CONFLICT (instrument_id, version) DO NOTHING
            """,
            new { instrument.Id, instrument.Version, sha = file.Sha256, publishedOn = today.ToIsoString() },
            transaction, cancellationToken: cancellationToken));
        var publishedHash = await connection.QuerySingleAsync<string>(new CommandDefinition(
            """
            SELECT content_sha256 FROM instrument_versions
            WHERE instrument_id = @Id AND version = @Version
            """,
            new { instrument.Id, instrument.Version }, transaction, cancellationToken: cancellationToken));
        return publishedHash == file.Sha256;
    }

    /// <summary>
    /// A survey as it stands. Its row (status, dates, title, instrument) is read every time; its stakeholder groups and
    /// circles are written with it when it is created and never change (nor do circle names), so they are read once per
    /// service and kept: a submission's check then costs one query instead of three.
    /// </summary>
    public async Task<Survey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SurveyRow>(new CommandDefinition(
            SelectSurveys + "WHERE s.id = @id", new { id }, cancellationToken: cancellationToken));
        return (await ToSurveysAsync(connection, rows.ToList(), cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// The waves before this one, newest first, at most <paramref name="limit"/>: the same organisation and instrument
    /// version, opened earlier, and closed (by hand, or by date before this one opened). Three queries, however many.
    /// </summary>
    public async Task<IReadOnlyList<Survey>> EarlierWavesAsync(Survey survey, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SurveyRow>(new CommandDefinition(
            SelectSurveys +
            """
            WHERE s.organisation_id = @OrganisationId AND s.instrument_id = @instrumentId AND s.instrument_version = @instrumentVersion
              AND s.opens_on < @opensOn AND s.status <> 'draft' AND (s.status = 'closed' OR s.closes_on < @opensOn)
            ORDER BY s.opens_on DESC, s.id
            LIMIT @limit
            """,
            new { survey.OrganisationId, instrumentId = survey.Instrument.Id, instrumentVersion = survey.Instrument.Version, opensOn = survey.OpensOn.ToIsoString(), limit },
            cancellationToken: cancellationToken));
        return await ToSurveysAsync(connection, rows.ToList(), cancellationToken);
    }

    /// <summary>
    /// Surveys newest first (by opening day, then id) after the cursor's (opens on, id), at most <paramref name="count"/>,
    /// of one organisation and in one status when those are given.
    /// </summary>
    public async Task<IReadOnlyList<Survey>> ListAsync(string? organisationId, SurveyStatus? status, IReadOnlyList<string>? after, int count,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SurveyRow>(new CommandDefinition(
            SelectSurveys +
            """
            WHERE (@organisationId IS NULL OR s.organisation_id = @organisationId) AND (@status IS NULL OR s.status = @status)
              AND (@afterOpensOn IS NULL OR s.opens_on < @afterOpensOn OR (s.opens_on = @afterOpensOn AND s.id > @afterId))
            ORDER BY s.opens_on DESC, s.id
            LIMIT @count
            """,
            new { organisationId, status = status is { } asked ? Kebab.Name(asked) : null, afterOpensOn = after?[0], afterId = after?[1], count },
            cancellationToken: cancellationToken));
        return await ToSurveysAsync(connection, rows.ToList(), cancellationToken);
    }

    /// <summary>The columns of a <see cref="SurveyRow"/>; a query adds its WHERE (and ORDER BY) after them.</summary>
    private const string SelectSurveys =
        """
        SELECT s.id AS Id, s.organisation_id AS OrganisationId, o.name AS OrganisationName,
               s.instrument_id AS InstrumentId, s.instrument_version AS InstrumentVersion,
               s.title AS Title, s.opens_on AS OpensOn, s.closes_on AS ClosesOn, s.status AS Status, s.anonymity AS Anonymity
        FROM surveys s
        JOIN organisations o ON o.id = s.organisation_id

        """;

    /// <summary>Surveys with their members: those not cached yet are read for all the rows at once (two queries).</summary>
    private async Task<IReadOnlyList<Survey>> ToSurveysAsync(DbConnection connection, IReadOnlyList<SurveyRow> rows, CancellationToken cancellationToken)
    {
        var missing = rows.Select(r => r.Id).Where(id => !_members.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var (id, loaded) in await MembersAsync(connection, missing, cancellationToken))
            {
                _members.TryAdd(id, loaded);
            }
        }
        return rows.Select(row =>
        {
            var members = _members[row.Id];
            return new Survey(row.Id, row.OrganisationId, row.OrganisationName, new SurveyInstrumentRef(row.InstrumentId, row.InstrumentVersion),
                row.Title, DateFormats.ParseIsoDate(row.OpensOn), DateFormats.ParseIsoDate(row.ClosesOn),
                Kebab.Parse<SurveyStatus>(row.Status), Kebab.Parse<AnonymityMode>(row.Anonymity), members.StakeholderGroups, members.Circles);
        }).ToList();
    }

    /// <summary>A survey's stakeholder groups (in their order) and circles (by name), fixed when it was created.</summary>
    private sealed record SurveyMembers(IReadOnlyList<string> StakeholderGroups, IReadOnlyList<SurveyCircle> Circles);

    private async Task<Dictionary<string, SurveyMembers>> MembersAsync(DbConnection connection, IReadOnlyList<string> ids,
        CancellationToken cancellationToken)
    {
        var list = ids.ToArray();
        var groups = (await connection.QueryAsync<GroupRow>(new CommandDefinition(
            $"""
            SELECT survey_id AS SurveyId, stakeholder_group AS StakeholderGroup FROM survey_groups
            WHERE {database.Dialect.IsOneOf("survey_id", "list")}
            ORDER BY survey_id, position
            """,
            new { list }, cancellationToken: cancellationToken))).ToLookup(g => g.SurveyId, g => g.StakeholderGroup);
        var circles = (await connection.QueryAsync<CircleRow>(new CommandDefinition(
            $"""
            SELECT sc.survey_id AS SurveyId, c.id AS Id, c.name AS Name
            FROM survey_circles sc
            JOIN circles c ON c.id = sc.circle_id
            WHERE {database.Dialect.IsOneOf("sc.survey_id", "list")}
            ORDER BY sc.survey_id, c.name
            """,
            new { list }, cancellationToken: cancellationToken))).ToLookup(c => c.SurveyId, c => new SurveyCircle(c.Id, c.Name));
        return ids.ToDictionary(id => id, id => new SurveyMembers(groups[id].ToList(), circles[id].ToList()));
    }

    /// <summary>Every published instrument version with the hash recorded when it was published.</summary>
    public async Task<IReadOnlyList<(string Id, string Version, string Sha256)>> PublishedInstrumentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PublishedRow>(new CommandDefinition(
            "SELECT instrument_id AS Id, version AS Version, content_sha256 AS Sha256 FROM instrument_versions",
            cancellationToken: cancellationToken));
        return rows.Select(r => (r.Id, r.Version, r.Sha256)).ToList();
    }

    private sealed class SurveyRow
    {
        public string Id { get; set; } = "";
        public string OrganisationId { get; set; } = "";
        public string OrganisationName { get; set; } = "";
        public string InstrumentId { get; set; } = "";
        public string InstrumentVersion { get; set; } = "";
        public string Title { get; set; } = "";
        public string OpensOn { get; set; } = "";
        public string ClosesOn { get; set; } = "";
        public string Status { get; set; } = "";
        public string Anonymity { get; set; } = "";
    }

    private sealed class GroupRow
    {
        public string SurveyId { get; set; } = "";
        public string StakeholderGroup { get; set; } = "";
    }

    private sealed class CircleRow
    {
        public string SurveyId { get; set; } = "";
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
    }

    private sealed class PublishedRow
    {
        public string Id { get; set; } = "";
        public string Version { get; set; } = "";
        public string Sha256 { get; set; } = "";
    }
}
