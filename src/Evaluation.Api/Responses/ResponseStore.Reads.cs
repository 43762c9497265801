using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Reporting;
using Evaluation.Scoring;

namespace Evaluation.Api.Responses;

/// <summary>
/// What is read from stored responses: for scoring, panel pairs, exports, purges and snapshots. Dapper runs every
/// query; the bulk reads take its data reader and read the rows by hand, without an object per row.
/// </summary>
public sealed partial class ResponseStore
{
    /// <summary>Whether someone with this panel key has already answered the survey (one response per person and wave).</summary>
    public async Task<bool> PanelKeyAnsweredAsync(string surveyId, string panelKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM panel_memberships WHERE survey_id = @surveyId AND panel_key = @panelKey",
            new { surveyId, panelKey }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// The answers of the people who answered both surveys with the same panel code: for each, the baseline row and the
    /// current row, each in its own survey's circles, groups and items, as <see cref="LoadForScoringAsync"/> packs them.
    /// </summary>
    public async Task<(ResponseMatrix Baseline, ResponseMatrix Current)> LoadPanelPairsAsync(Survey baseline, Survey current, SurveyInstrument instrument,
        CancellationToken cancellationToken)
    {
        var itemIds = instrument.Items.Select(item => item.Id).ToList();
        ResponseMatrix MatrixOf(Survey survey) => new(itemIds, survey.Circles.Select(c => c.Id).ToList(), survey.StakeholderGroups, Kebab.All<CompletionMode>());
        var (before, after) = (MatrixOf(baseline), MatrixOf(current));
        var (beforeCircle, beforeGroup) = (IndexOf(before.Circles), IndexOf(before.StakeholderGroups));
        var (afterCircle, afterGroup) = (IndexOf(after.Circles), IndexOf(after.StakeholderGroups));
        var modeIndex = IndexOf(Kebab.All<CompletionMode>());
        var answers = new StoredAnswers.Reader(itemIds);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            """
            SELECT a.circle_id, a.stakeholder_group, a.completion_mode, a.answers, b.circle_id, b.stakeholder_group, b.completion_mode, b.answers
            FROM panel_memberships pa
            JOIN panel_memberships pb ON pb.panel_key = pa.panel_key AND pb.survey_id = @current
            JOIN responses a ON a.id = pa.response_id
            JOIN responses b ON b.id = pb.response_id
            WHERE pa.survey_id = @baseline
            """,
            new { baseline = baseline.Id, current = current.Id }, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            answers.Read(database.Dialect, reader, 3,
                before.Add(beforeCircle[reader.GetString(0)], beforeGroup[reader.GetString(1)], modeIndex[reader.GetString(2)]));
            answers.Read(database.Dialect, reader, 7,
                after.Add(afterCircle[reader.GetString(4)], afterGroup[reader.GetString(5)], modeIndex[reader.GetString(6)]));
        }
        return (before, after);
    }

    /// <summary>
    /// Every response of a survey packed for scoring, read in one range scan of the survey's rows and without an
    /// object per response (a million responses are read in seconds), with the snapshot of exactly those rows.
    /// </summary>
    public async Task<(ResponseMatrix Matrix, DataSnapshot Snapshot)> LoadForScoringAsync(Survey survey, SurveyInstrument instrument,
        CancellationToken cancellationToken)
    {
        var circles = survey.Circles.Select(c => c.Id).ToList();
        var matrix = new ResponseMatrix(instrument.Items.Select(item => item.Id).ToList(), circles, survey.StakeholderGroups, Kebab.All<CompletionMode>());
        var (circleIndex, groupIndex, modeIndex) = (IndexOf(circles), IndexOf(survey.StakeholderGroups), IndexOf(Kebab.All<CompletionMode>()));
        var answers = new StoredAnswers.Reader(matrix.ItemIds);
        var snapshot = new SnapshotHasher();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {SnapshotHasher.Columns} FROM responses WHERE survey_id = @surveyId",
            new { surveyId = survey.Id }, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            snapshot.Add(database.Dialect, reader, 0);
            answers.Read(snapshot.Answers, matrix.Add(circleIndex[reader.GetString(1)], groupIndex[reader.GetString(2)], modeIndex[reader.GetString(3)]));
        }
        return (matrix, snapshot.Finish());
    }

    /// <summary>A survey's responses one by one for export: id, circle, group, mode, day, the answers in <paramref name="itemIds"/> order, comments.</summary>
    public async IAsyncEnumerable<ExportedResponse> ReadForExportAsync(string surveyId, IReadOnlyList<string> itemIds,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answers = new StoredAnswers.Reader(itemIds);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            """
            SELECT r.id, r.circle_id, r.stakeholder_group, r.completion_mode, r.submitted_on, r.answers, p.panel_key, r.comments
            FROM responses r LEFT JOIN panel_memberships p ON p.response_id = r.id
            WHERE r.survey_id = @surveyId
            ORDER BY r.id
            """,
            new { surveyId }, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new byte[itemIds.Count];
            answers.Read(database.Dialect, reader, 5, row);
            yield return new ExportedResponse(reader.GetString(0), reader.GetString(1), reader.GetString(2), Kebab.Parse<CompletionMode>(reader.GetString(3)),
                DateFormats.ParseIsoDate(reader.GetString(4)), row, reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7)));
        }
    }

    /// <summary>
    /// Surveys closed before <paramref name="cutoff"/> whose raw responses are still stored, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<string>> DueForPurgeAsync(DateOnly cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM surveys WHERE status = 'closed' AND closes_on < @cutoff AND responses_purged_on IS NULL ORDER BY closes_on, id",
            new { cutoff = cutoff.ToIsoString() }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The <see cref="SnapshotHasher">snapshot</see> of a survey's responses as stored.</summary>
    public async Task<DataSnapshot> SnapshotAsync(string surveyId, CancellationToken cancellationToken)
    {
        var snapshot = new SnapshotHasher();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {SnapshotHasher.Columns} FROM responses WHERE survey_id = @surveyId",
            new { surveyId }, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            snapshot.Add(database.Dialect, reader, 0);
        }
        return snapshot.Finish();
    }

    private static Dictionary<string, int> IndexOf(IReadOnlyList<string> keys) =>
        keys.Select((key, index) => (key, index)).ToDictionary(p => p.key, p => p.index, StringComparer.Ordinal);
}
