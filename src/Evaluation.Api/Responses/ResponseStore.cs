using Dapper;
using Evaluation.Api.Storage;
using Evaluation.Scoring;

namespace Evaluation.Api.Responses;

public sealed record NewResponse(
    string SurveyId,
    string InstrumentId,
    string InstrumentVersion,
    string OrganisationId,
    string CircleId,
    string StakeholderGroup,
    string CompletionMode,
    DateOnly SubmittedOn,
    IReadOnlyDictionary<string, int?> Answers);

public sealed record StoredResponse(string Id, string ReceiptCode, DateOnly SubmittedOn);

public sealed class ResponseStore(Database database)
{
    /// <summary>Stores a response and its answers in one transaction; returns the id and a one-time receipt code.</summary>
    public async Task<StoredResponse> InsertAsync(NewResponse response, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString();
        var receiptCode = ReceiptCodes.New();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO responses (id, survey_id, instrument_id, instrument_version, organisation_id, circle_id,
                                   stakeholder_group, completion_mode, submitted_on, receipt_hash)
            VALUES (@id, @SurveyId, @InstrumentId, @InstrumentVersion, @OrganisationId, @CircleId,
                    @StakeholderGroup, @CompletionMode, @submittedOn, @receiptHash)
            """,
            new
            {
                id,
                response.SurveyId,
                response.InstrumentId,
                response.InstrumentVersion,
                response.OrganisationId,
                response.CircleId,
                response.StakeholderGroup,
                response.CompletionMode,
                submittedOn = response.SubmittedOn.ToIsoString(),
                receiptHash = ReceiptCodes.Hash(receiptCode),
            },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO answers (response_id, item_id, value) VALUES (@id, @itemId, @value)",
            response.Answers.Select(answer => new { id, itemId = answer.Key, value = answer.Value }),
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new StoredResponse(id, receiptCode, response.SubmittedOn);
    }

    /// <summary>Every response of a survey with its answers, ready for scoring.</summary>
    public async Task<IReadOnlyList<ResponseAnswers>> LoadForScoringAsync(string surveyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AnswerRow>(new CommandDefinition(
            """
            SELECT r.id AS ResponseId, r.circle_id AS CircleId, r.stakeholder_group AS StakeholderGroup,
                   r.completion_mode AS CompletionMode, a.item_id AS ItemId, a.value AS Value
            FROM responses r
            LEFT JOIN answers a ON a.response_id = r.id
            WHERE r.survey_id = @surveyId
            ORDER BY r.id
            """,
            new { surveyId }, cancellationToken: cancellationToken));
        return rows.GroupBy(row => row.ResponseId)
            .Select(response =>
            {
                var first = response.First();
                var answers = response.Where(row => row.ItemId is not null)
                    .ToDictionary(row => row.ItemId!, row => row.Value is { } value ? (int?)value : null);
                return new ResponseAnswers(first.CircleId, first.StakeholderGroup, first.CompletionMode, answers);
            })
            .ToList();
    }

    private sealed class AnswerRow
    {
        public string ResponseId { get; set; } = "";
        public string CircleId { get; set; } = "";
        public string StakeholderGroup { get; set; } = "";
        public string CompletionMode { get; set; } = "";
        public string? ItemId { get; set; }
        public long? Value { get; set; }
    }
}
