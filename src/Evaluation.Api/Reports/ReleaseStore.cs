using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Reports;

/// <summary>A released report as listed: never its content, which is fetched by id.</summary>
public sealed record ReleasedReport(string Id, string OrganisationId, string SurveyId, string SurveyTitle, string Language, string SnapshotSha256,
    int Responses, DateOnly ReleasedOn);

/// <summary>When an organisation's reports are released without an evaluator asking.</summary>
public enum ReleaseCadence
{
    /// <summary>Every wave as soon as it has closed.</summary>
    AtClose,

    /// <summary>From the first day of each quarter, the waves that closed before it.</summary>
    Quarterly,

    /// <summary>Only when an evaluator releases one.</summary>
    None,
}

public sealed record ReportSchedule(ReleaseCadence Cadence, IReadOnlyList<string> Languages);

public sealed class ReleaseStore(Database database)
{
    /// <summary>Stores a release once: the same id (the same HTML) again changes nothing. Returns whether it was new.</summary>
    public async Task<bool> StoreAsync(ReleasedReport release, string html, byte[] pdf, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO report_releases (id, organisation_id, survey_id, language, snapshot_sha256, responses, released_on, html, pdf)
            VALUES (@Id, @OrganisationId, @SurveyId, @Language, @SnapshotSha256, @Responses, @releasedOn, @html, @pdf)
            ON CONFLICT (id) DO NOTHING
            """,
            new
            {
                release.Id,
                release.OrganisationId,
                release.SurveyId,
                release.Language,
                release.SnapshotSha256,
                release.Responses,
                releasedOn = release.ReleasedOn.ToIsoString(),
                html,
                pdf
            }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>An organisation's releases, newest first.</summary>
    public Task<IReadOnlyList<ReleasedReport>> ListAsync(string organisationId, CancellationToken cancellationToken) =>
        SelectAsync("r.organisation_id = @organisationId", new { organisationId }, cancellationToken);

    /// <summary>
    /// Releases newest first after the cursor's (released on, id), at most <paramref name="count"/>; each filter that
    /// is given narrows the list.
    /// </summary>
    public Task<IReadOnlyList<ReleasedReport>> ListAsync(string? organisationId, string? surveyId, string? language, IReadOnlyList<string>? after,
        int count, CancellationToken cancellationToken) =>
        SelectAsync(
            """
            (@organisationId IS NULL OR r.organisation_id = @organisationId) AND (@surveyId IS NULL OR r.survey_id = @surveyId)
              AND (@language IS NULL OR r.language = @language)
              AND (@afterReleasedOn IS NULL OR r.released_on < @afterReleasedOn OR (r.released_on = @afterReleasedOn AND r.id > @afterId))
            """,
            new { organisationId, surveyId, language, afterReleasedOn = after?[0], afterId = after?[1], count }, cancellationToken, limited: true);

    public async Task<ReleasedReport?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await SelectAsync("r.id = @id", new { id }, cancellationToken)).SingleOrDefault();

    /// <summary>A survey's releases, in every language.</summary>
    public Task<IReadOnlyList<ReleasedReport>> OfSurveyAsync(string surveyId, CancellationToken cancellationToken) =>
        SelectAsync("r.survey_id = @surveyId", new { surveyId }, cancellationToken);

    /// <summary>Whether a survey already has a release in a language (of any snapshot).</summary>
    public async Task<bool> IsReleasedAsync(string surveyId, string language, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM report_releases WHERE survey_id = @surveyId AND language = @language",
            new { surveyId, language }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<string> HtmlAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<string>(new CommandDefinition("SELECT html FROM report_releases WHERE id = @id", new { id },
            cancellationToken: cancellationToken));
    }

    public async Task<byte[]> PdfAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<byte[]>(new CommandDefinition("SELECT pdf FROM report_releases WHERE id = @id", new { id },
            cancellationToken: cancellationToken));
    }

    public async Task<ReportSchedule> ScheduleAsync(string organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Cadence, string Languages)>(new CommandDefinition(
            "SELECT cadence, languages FROM report_schedules WHERE organisation_id = @organisationId", new { organisationId },
            cancellationToken: cancellationToken));
        return row.Cadence is null ? new ReportSchedule(ReleaseCadence.None, ["en"])
            : new ReportSchedule(Kebab.Parse<ReleaseCadence>(row.Cadence), row.Languages.Split(' '));
    }

    public async Task SetScheduleAsync(string organisationId, ReportSchedule schedule, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO report_schedules (organisation_id, cadence, languages) VALUES (@organisationId, @cadence, @languages)
            ON CONFLICT (organisation_id) DO UPDATE SET cadence = @cadence, languages = @languages
            """,
            new { organisationId, cadence = Kebab.Name(schedule.Cadence), languages = string.Join(' ', schedule.Languages) }, cancellationToken: cancellationToken));
    }

    /// <summary>The organisations whose schedule releases reports, with it.</summary>
    public async Task<IReadOnlyList<(string OrganisationId, ReportSchedule Schedule)>> SchedulesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string OrganisationId, string Cadence, string Languages)>(new CommandDefinition(
            "SELECT organisation_id, cadence, languages FROM report_schedules WHERE cadence <> 'none'", cancellationToken: cancellationToken));
        return rows.Select(r => (r.OrganisationId, new ReportSchedule(Kebab.Parse<ReleaseCadence>(r.Cadence), r.Languages.Split(' ')))).ToList();
    }

    /// <summary>
    /// Surveys of an organisation whose closing day is before <paramref name="before"/> (closing early moves it to
    /// that day), and, with <paramref name="orClosed"/>, any closed by hand; never drafts.
    /// </summary>
    public async Task<IReadOnlyList<string>> ClosedSurveysAsync(string organisationId, DateOnly before, bool orClosed, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT id FROM surveys
            WHERE organisation_id = @organisationId AND status <> 'draft' AND (closes_on < @before OR (@orClosed = 1 AND status = 'closed'))
            ORDER BY closes_on, id
            """,
            new { organisationId, before = before.ToIsoString(), orClosed = orClosed ? 1 : 0 }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Releases matching <paramref name="where"/>, newest first; <paramref name="limited"/>: at most <c>@count</c> of them.</summary>
    private async Task<IReadOnlyList<ReleasedReport>> SelectAsync(string where, object parameters, CancellationToken cancellationToken,
        bool limited = false)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT r.id AS Id, r.organisation_id AS OrganisationId, r.survey_id AS SurveyId, s.title AS SurveyTitle, r.language AS Language,
                   r.snapshot_sha256 AS SnapshotSha256, r.responses AS Responses, r.released_on AS ReleasedOn
            FROM report_releases r JOIN surveys s ON s.id = r.survey_id
            WHERE {where}
            ORDER BY r.released_on DESC, r.id
            {(limited ? "LIMIT @count" : "")}
            """, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new ReleasedReport(r.Id, r.OrganisationId, r.SurveyId, r.SurveyTitle, r.Language, r.SnapshotSha256, (int)r.Responses,
            DateFormats.ParseIsoDate(r.ReleasedOn))).ToList();
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string OrganisationId { get; set; } = "";
        public string SurveyId { get; set; } = "";
        public string SurveyTitle { get; set; } = "";
        public string Language { get; set; } = "";
        public string SnapshotSha256 { get; set; } = "";
        public long Responses { get; set; }
        public string ReleasedOn { get; set; } = "";
    }
}
