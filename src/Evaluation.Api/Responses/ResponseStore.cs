using Dapper;
using Evaluation.Api.Storage;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
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
    /// <summary>Stores a response and its answers as one row; returns the id and a one-time receipt code.</summary>
    public async Task<StoredResponse> InsertAsync(NewResponse response, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString();
        var receiptCode = ReceiptCodes.New();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO responses (id, survey_id, instrument_id, instrument_version, organisation_id, circle_id,
                                   stakeholder_group, completion_mode, submitted_on, receipt_hash, answers)
            VALUES (@id, @SurveyId, @InstrumentId, @InstrumentVersion, @OrganisationId, @CircleId,
                    @StakeholderGroup, @CompletionMode, @submittedOn, @receiptHash, @answers)
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
                answers = StoredAnswers.Write(response.Answers),
            },
            cancellationToken: cancellationToken));
        return new StoredResponse(id, receiptCode, response.SubmittedOn);
    }

    /// <summary>
    /// Every response of a survey packed for scoring, read in one range scan of the survey's rows and without an
    /// object per response: a million responses are read in seconds.
    /// </summary>
    public async Task<ResponseMatrix> LoadForScoringAsync(Survey survey, SurveyInstrument instrument, CancellationToken cancellationToken)
    {
        var circles = survey.Circles.Select(c => c.Id).ToList();
        var matrix = new ResponseMatrix(instrument.Items.Select(item => item.Id).ToList(), circles, survey.StakeholderGroups, CompletionModes.All);
        var (circleIndex, groupIndex, modeIndex) = (IndexOf(circles), IndexOf(survey.StakeholderGroups), IndexOf(CompletionModes.All));
        var answers = new StoredAnswers.Reader(matrix.ItemIds);
        var buffer = new byte[4096];
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT circle_id, stakeholder_group, completion_mode, answers FROM responses WHERE survey_id = $surveyId";
        command.Parameters.AddWithValue("$surveyId", survey.Id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = matrix.Add(circleIndex[reader.GetString(0)], groupIndex[reader.GetString(1)], modeIndex[reader.GetString(2)]);
            var length = (int)reader.GetBytes(3, 0, null, 0, 0);
            if (length > buffer.Length)
            {
                buffer = new byte[length];
            }
            reader.GetBytes(3, 0, buffer, 0, length);
            answers.Read(buffer.AsSpan(0, length), row);
        }
        return matrix;
    }

    private static Dictionary<string, int> IndexOf(IReadOnlyList<string> keys) =>
        keys.Select((key, index) => (key, index)).ToDictionary(p => p.key, p => p.index, StringComparer.Ordinal);
}
