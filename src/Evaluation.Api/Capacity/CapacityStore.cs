using System.Text.Json;
using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Capacity;

/// <summary>One assessment of a partner by a circle: a readiness level per capacity, and the evidence for each.</summary>
public sealed record CapacityAssessmentRecord(string Id, string CircleId, string Partner, string InstrumentId, string InstrumentVersion,
    DateOnly AssessedOn, IReadOnlyDictionary<string, int> Ratings, IReadOnlyDictionary<string, string> Evidence);

public sealed class CapacityStore(Database database)
{
    public async Task StoreAsync(string organisationId, CapacityAssessmentRecord assessment, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO capacity_assessments (id, organisation_id, circle_id, partner, instrument_id, instrument_version, assessed_on, ratings, evidence)
            VALUES (@Id, @organisationId, @CircleId, @Partner, @InstrumentId, @InstrumentVersion, @assessedOn, @ratings, @evidence)
            """,
            new
            {
                assessment.Id,
                organisationId,
                assessment.CircleId,
                assessment.Partner,
                assessment.InstrumentId,
                assessment.InstrumentVersion,
                assessedOn = assessment.AssessedOn.ToIsoString(),
                ratings = JsonSerializer.Serialize(assessment.Ratings),
                evidence = JsonSerializer.Serialize(assessment.Evidence),
            }, cancellationToken: cancellationToken));
    }

    /// <summary>An organisation's assessments made on or before <paramref name="until"/>, oldest first.</summary>
    public async Task<IReadOnlyList<CapacityAssessmentRecord>> ListAsync(string organisationId, DateOnly until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string CircleId, string Partner, string InstrumentId, string InstrumentVersion, string AssessedOn,
            string Ratings, string Evidence)>(new CommandDefinition(
            """
            SELECT id, circle_id, partner, instrument_id, instrument_version, assessed_on, ratings, evidence
            FROM capacity_assessments WHERE organisation_id = @organisationId AND assessed_on <= @until
            ORDER BY assessed_on, id
            """, new { organisationId, until = until.ToIsoString() }, cancellationToken: cancellationToken));
        return rows.Select(r => new CapacityAssessmentRecord(r.Id, r.CircleId, r.Partner, r.InstrumentId, r.InstrumentVersion,
            DateFormats.ParseIsoDate(r.AssessedOn), JsonSerializer.Deserialize<Dictionary<string, int>>(r.Ratings)!,
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.Evidence)!)).ToList();
    }
}
