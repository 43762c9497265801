using Dapper;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Reports;

/// <summary>Circle dashboards as kept: which wave a circle's dashboard shows, and each wave's frozen page per language.</summary>
public sealed class DashboardStore(Database database)
{
    /// <summary>The organisation a circle belongs to, or null for an unknown circle.</summary>
    public async Task<string?> OrganisationOfCircleAsync(string circleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT organisation_id FROM circles WHERE id = @circleId", new { circleId }, cancellationToken: cancellationToken));
    }

    /// <summary>The latest wave of the circle that is closed or past its closing day (never a draft), or null.</summary>
    public async Task<string?> LatestClosedWaveAsync(string circleId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            SELECT s.id FROM surveys s JOIN survey_circles sc ON sc.survey_id = s.id
            WHERE sc.circle_id = @circleId AND s.status <> 'draft' AND (s.status = 'closed' OR s.closes_on < @today)
            ORDER BY s.closes_on DESC, s.id
            LIMIT 1
            """, new { circleId, today = today.ToIsoString() }, cancellationToken: cancellationToken));
    }

    /// <summary>The page frozen for this wave, circle and language, or null when it has not been read yet.</summary>
    public async Task<string?> FrozenAsync(string surveyId, string circleId, string language, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT html FROM dashboard_snapshots WHERE survey_id = @surveyId AND circle_id = @circleId AND language = @language",
            new { surveyId, circleId, language }, cancellationToken: cancellationToken));
    }

    /// <summary>Keeps the pages of every language at once; a page some concurrent first reading kept already stays.</summary>
    public async Task FreezeAsync(string surveyId, string circleId, IReadOnlyDictionary<string, string> pages, DateOnly today,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dashboard_snapshots (survey_id, circle_id, language, html, made_on) VALUES (@surveyId, @circleId, @language, @html, @today)
            ON CONFLICT (survey_id, circle_id, language) DO NOTHING
            """, pages.Select(page => new { surveyId, circleId, language = page.Key, html = page.Value, today = today.ToIsoString() }),
            cancellationToken: cancellationToken));
    }
}
