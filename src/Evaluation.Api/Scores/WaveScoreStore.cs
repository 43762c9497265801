using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Evaluation.Api.Storage;
using Evaluation.Reporting;
using Evaluation.Scoring;

namespace Evaluation.Api.Scores;

/// <summary>
/// A closed wave's scores, kept so that reports and dashboards score each wave once. Only a withdrawal changes a
/// closed wave's responses, and it moves the wave's revision in the same transaction
/// (<see cref="Responses.ResponseStore.DeleteByReceiptAsync"/>): kept scores count only while their revision is the
/// wave's and they were made with today's minimum cell size and disclosure rule — or the wave's raw responses were
/// deleted on schedule, when its kept scores are all there is.
/// </summary>
public sealed class WaveScoreStore(Database database)
{
    /// <summary>The disclosure rule scores are decided under: 2 is one decision per wave over every linked figure (<see cref="Scoring.Disclosure.WaveDisclosure"/>).</summary>
    public const int DisclosureRule = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<(SurveyScores Scores, DataSnapshot Snapshot)?> FindAsync(string surveyId, int minimumCellSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var kept = await connection.QuerySingleOrDefaultAsync<(long Responses, string Sha256, string Scores)?>(new CommandDefinition(
            """
            SELECT w.responses, w.snapshot_sha256, w.scores FROM wave_scores w JOIN surveys s ON s.id = w.survey_id
            WHERE w.survey_id = @surveyId AND w.revision = s.responses_revision
              AND ((w.minimum_cell_size = @minimumCellSize AND w.disclosure_rule = @DisclosureRule) OR s.responses_purged_on IS NOT NULL)
            """, new { surveyId, minimumCellSize, DisclosureRule }, cancellationToken: cancellationToken));
        return kept is { } row ? (JsonSerializer.Deserialize<SurveyScores>(row.Scores, Json)!, new DataSnapshot((int)row.Responses, row.Sha256)) : null;
    }

    /// <summary>The wave's revision: read it before its responses, so scores kept under it can only be older than it says, never newer.</summary>
    public async Task<long> RevisionAsync(string surveyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT responses_revision FROM surveys WHERE id = @surveyId", new { surveyId }, cancellationToken: cancellationToken));
    }

    public async Task StoreAsync(string surveyId, long revision, int minimumCellSize, SurveyScores scores, DataSnapshot snapshot,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO wave_scores (survey_id, revision, minimum_cell_size, disclosure_rule, responses, snapshot_sha256, scores)
            VALUES (@surveyId, @revision, @minimumCellSize, @DisclosureRule, @responses, @sha256, @scores)
            ON CONFLICT (survey_id) DO UPDATE SET revision = excluded.revision, minimum_cell_size = excluded.minimum_cell_size,
                disclosure_rule = excluded.disclosure_rule,
                responses = excluded.responses, snapshot_sha256 = excluded.snapshot_sha256, scores = excluded.scores
            """, new
            {
                surveyId,
                revision,
                minimumCellSize,
                DisclosureRule,
                responses = snapshot.Responses,
                sha256 = snapshot.Sha256,
                scores = JsonSerializer.Serialize(scores, Json)
            }, cancellationToken: cancellationToken));
    }
}
