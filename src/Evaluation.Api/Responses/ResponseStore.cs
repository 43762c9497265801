using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Responses;

public sealed record NewResponse(
    string SurveyId,
    string InstrumentId,
    string InstrumentVersion,
    string OrganisationId,
    string CircleId,
    string StakeholderGroup,
    CompletionMode CompletionMode,
    DateOnly SubmittedOn,
    IReadOnlyDictionary<string, int?> Answers,
    string? PanelKey = null,
    IReadOnlyDictionary<string, string>? Comments = null);

/// <summary>One response as exported: its answers by position (0 = no answer).</summary>
public sealed record ExportedResponse(string Id, string CircleId, string StakeholderGroup, CompletionMode CompletionMode, DateOnly SubmittedOn, byte[] Answers,
    string? PanelKey, IReadOnlyDictionary<string, string>? Comments);

/// <summary>What a write of one response did: stored it, found the earlier answer to its key, or refused (see <see cref="Submission"/>).</summary>
public sealed record StoreOutcome(StoredResponse? Stored, IdempotentAnswer? Earlier, SubmissionRefusal Refused);

/// <summary>The panel code has already answered this survey (one response per person and wave).</summary>
internal sealed class PanelCodeTakenException : Exception;

public sealed record StoredResponse(string Id, string ReceiptCode, DateOnly SubmittedOn);

public enum WithdrawalOutcome
{
    Deleted,
    Unknown,
    AlreadyPublished,
}

/// <summary>Responses as stored: submissions, imports, withdrawals and purges here; reads in ResponseStore.Reads.cs.</summary>
public sealed partial class ResponseStore(Database database, WriteQueue writes, AuditLog audit)
{
    /// <summary>Stores responses all together or not at all (one transaction); one id and receipt code each.</summary>
    public async Task<IReadOnlyList<StoredResponse>> InsertAllAsync(IReadOnlyList<NewResponse> responses, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = responses.Select(NewReceipt).ToList();
        await InsertRowsAsync(connection, transaction, responses, stored, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <summary>
    /// Stores one submission (checked by <see cref="Submission"/>), exactly once per <paramref name="idempotency"/> key,
    /// in the next group commit (<see cref="WriteQueue"/>): the key is recorded with its answer (the receipt, sealed
    /// before queueing) first, then what it uses up and the response and its panel link written. A retry after a lost
    /// answer or a crash finds the record; a concurrent duplicate finds it once the first is written (one writer here;
    /// on PostgreSQL another instance's waits on the record's key); a refusal writes nothing.
    /// </summary>
    /// <param name="used">Used up with the response (an invitation); when one cannot be, nothing is stored.</param>
    /// <param name="audited">The staff action to record in the audit log with the response, in the same commit.</param>
    public Task<StoreOutcome> SubmitAsync(NewResponse response, IdempotentRequest? idempotency, IReadOnlyList<IUsedWithResponse> used,
        AuditAction? audited, CancellationToken cancellationToken)
    {
        var stored = NewReceipt(response);
        var receipt = JsonSerializer.Serialize(new ResponseReceipt(stored.Id, stored.ReceiptCode, stored.SubmittedOn));
        var record = idempotency?.Record(StatusCodes.Status201Created, receipt, response.SubmittedOn);
        return writes.RunAsync(new SubmissionWrite(this, audit, response, stored, idempotency, record, used, audited), cancellationToken);
    }

    /// <summary>One submission as the write queue runs it: everything it writes, in the order it writes it.</summary>
    private sealed record SubmissionWrite(ResponseStore Store, AuditLog Audit, NewResponse Response, StoredResponse Stored, IdempotentRequest? Idempotency,
        IdempotencyRecord? Record, IReadOnlyList<IUsedWithResponse> Used, AuditAction? Audited) : IWrite<StoreOutcome>
    {
        public async Task<WriteOutcome<StoreOutcome>> RunAsync(DbConnection connection, DbTransaction transaction)
        {
            if (Record is not null && !await IdempotencyRecords.TryRecordAsync(connection, transaction, Record))
            {
                var earlier = await StillStoredAsync(connection, transaction,
                    await IdempotencyRecords.FindAsync(connection, Idempotency!, CancellationToken.None, transaction)
                    ?? throw new InvalidOperationException("An idempotency record that blocked this one has disappeared."), CancellationToken.None);
                return new(new StoreOutcome(null, earlier, SubmissionRefusal.None), Keep: false);
            }
            if (!await Store.AcceptsResponsesAsync(connection, transaction, Response.SurveyId, Response.SubmittedOn))
            {
                return new(new StoreOutcome(null, null, SubmissionRefusal.SurveyClosed), Keep: false);
            }
            foreach (var thing in Used)
            {
                if (!await thing.UseAsync(connection, transaction))
                {
                    return new(new StoreOutcome(null, null, SubmissionRefusal.InvitationUsed), Keep: false);
                }
            }
            try
            {
                await Store.InsertRowsAsync(connection, transaction, [Response], [Stored], CancellationToken.None);
            }
            catch (PanelCodeTakenException)
            {
                return new(new StoreOutcome(null, null, SubmissionRefusal.PanelCodeTaken), Keep: false);
            }
            if (Audited is not null)
            {
                await Audit.AppendAsync(connection, transaction, Audited);
            }
            return new(new StoreOutcome(Stored, null, SubmissionRefusal.None));
        }
    }

    /// <summary>
    /// Whether the survey still takes responses, read inside the writing transaction: a close (which scores the wave and
    /// keeps its scores) either comes after this submission or is seen by it, never between the request's own check and
    /// its write. SQLite's writers exclude each other; on PostgreSQL the row is share-locked, so a concurrent close waits
    /// for this commit, or this read waits for the close and sees it.
    /// </summary>
    private async Task<bool> AcceptsResponsesAsync(DbConnection connection, DbTransaction transaction, string surveyId, DateOnly today) =>
        await connection.Reusable(transaction,
                $"""
                SELECT id FROM surveys
                WHERE id = @surveyId AND status = 'open' AND opens_on <= @today AND closes_on >= @today{database.Dialect.ForShare}
                """)
            .Set("@surveyId", surveyId).Set("@today", today.ToIsoString())
            .ExecuteScalarAsync() is not null and not DBNull;

    /// <summary>
    /// Stores imported responses (all of one survey) all together (one transaction), each at most once: a row whose key
    /// was recorded by an earlier (or concurrent) import is skipped. Nothing is stored when a panel code in the rows
    /// answered the survey meanwhile, or when the survey stopped taking responses since the file was checked.
    /// </summary>
    /// <returns>How many were new, or why nothing was stored.</returns>
    public async Task<(int Imported, SubmissionRefusal Refused)> ImportAsync(IReadOnlyList<(NewResponse Response, IdempotentRequest Key)> rows,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (rows.Count > 0 && !await AcceptsResponsesAsync(connection, transaction, rows[0].Response.SurveyId, rows[0].Response.SubmittedOn))
        {
            return (0, SubmissionRefusal.SurveyClosed);
        }
        var imported = 0;
        foreach (var (response, key) in rows)
        {
            // Only that the row was imported: nothing that links a paper form's content to its stored response.
            if (!await IdempotencyRecords.TryRecordAsync(connection, transaction, key.Record(StatusCodes.Status201Created, "{}", response.SubmittedOn),
                    cancellationToken))
            {
                continue;
            }
            try
            {
                await InsertRowsAsync(connection, transaction, [response], [NewReceipt(response)], cancellationToken);
            }
            catch (PanelCodeTakenException)
            {
                return (0, SubmissionRefusal.PanelCodeTaken); // disposing the transaction rolls it back
            }
            imported++;
        }
        await transaction.CommitAsync(cancellationToken);
        return (imported, SubmissionRefusal.None);
    }

    /// <summary>The earlier answer to a request with the same idempotency key, if there is one.</summary>
    public async Task<IdempotentAnswer?> FindEarlierAsync(IdempotentRequest idempotency, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await IdempotencyRecords.FindAsync(connection, idempotency, cancellationToken) is { } earlier
            ? await StillStoredAsync(connection, null, earlier, cancellationToken)
            : null;
    }

    /// <summary>Marks an earlier answer whose response is no longer stored (the respondent withdrew it) as withdrawn.</summary>
    private static async Task<IdempotentAnswer> StillStoredAsync(DbConnection connection, DbTransaction? transaction, IdempotentAnswer earlier,
        CancellationToken cancellationToken)
    {
        if (!earlier.SameRequest)
        {
            return earlier;
        }
        var id = JsonSerializer.Deserialize<ResponseReceipt>(earlier.ResponseJson, JsonSerializerOptions.Web)!.Id;
        var stored = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM responses WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        return earlier with { Withdrawn = stored == 0 };
    }

    /// <summary>A new response's id and receipt code, drawn before it is written so the answer can be recorded first.</summary>
    private static StoredResponse NewReceipt(NewResponse response) => new(Guid.NewGuid().ToString(), ReceiptCodes.New(), response.SubmittedOn);

    private async Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<NewResponse> responses,
        IReadOnlyList<StoredResponse> receipts, CancellationToken cancellationToken)
    {
        // SQLite keeps rows in rowid order: a random rowid keeps submission order out of the file.
        var randomRowId = database.Dialect.HasRandomRowId;
        var insert = connection.Reusable(transaction,
            $"""
            INSERT INTO responses ({(randomRowId ? "rowid, " : "")}id, survey_id, instrument_id, instrument_version, organisation_id, circle_id,
                                   stakeholder_group, completion_mode, submitted_on, receipt_hash, answers, comments)
            VALUES ({(randomRowId ? "@rowid, " : "")}@id, @surveyId, @instrumentId, @instrumentVersion, @organisationId, @circleId,
                    @stakeholderGroup, @completionMode, @submittedOn, @receiptHash, @answers, @comments)
            """);
        for (var r = 0; r < responses.Count; r++)
        {
            var (response, receipt) = (responses[r], receipts[r]);
            insert.Set("@id", receipt.Id).Set("@surveyId", response.SurveyId).Set("@instrumentId", response.InstrumentId)
                .Set("@instrumentVersion", response.InstrumentVersion).Set("@organisationId", response.OrganisationId)
                .Set("@circleId", response.CircleId).Set("@stakeholderGroup", response.StakeholderGroup)
                .Set("@completionMode", Kebab.Name(response.CompletionMode)).Set("@submittedOn", response.SubmittedOn.ToIsoString())
                .Set("@receiptHash", ReceiptCodes.Hash(receipt.ReceiptCode)).Set("@answers", StoredAnswers.Write(response.Answers))
                .Set("@comments", response.Comments is { Count: > 0 } text ? System.Text.Json.JsonSerializer.Serialize(text) : null);
            if (randomRowId)
            {
                insert.Set("@rowid", BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long))) & long.MaxValue);
            }
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (response.PanelKey is not null && await connection.Reusable(transaction,
                        "INSERT INTO panel_memberships (response_id, survey_id, panel_key) VALUES (@id, @surveyId, @panelKey) ON CONFLICT (survey_id, panel_key) DO NOTHING")
                    .Set("@id", receipt.Id).Set("@surveyId", response.SurveyId).Set("@panelKey", response.PanelKey)
                    .ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw new PanelCodeTakenException();
            }
        }
    }

    /// <summary>
    /// Deletes the response stored under a receipt code, unless its wave's figures were published (a report released
    /// to funders, or a circle dashboard frozen): taking one person out afterwards would let the published figures and
    /// later ones be compared to work out that person's answers.
    /// </summary>
    public async Task<WithdrawalOutcome> DeleteByReceiptAsync(string receiptCode, CancellationToken cancellationToken)
    {
        var hash = ReceiptCodes.Hash(receiptCode);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var surveyId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT survey_id FROM responses WHERE receipt_hash = @hash", new { hash }, transaction, cancellationToken: cancellationToken));
        if (surveyId is null)
        {
            return WithdrawalOutcome.Unknown;
        }
        var published = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT (SELECT count(*) FROM report_releases WHERE survey_id = @surveyId)
                 + (SELECT count(*) FROM dashboard_snapshots WHERE survey_id = @surveyId)
            """, new { surveyId }, transaction, cancellationToken: cancellationToken));
        if (published > 0)
        {
            return WithdrawalOutcome.AlreadyPublished;
        }
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM responses WHERE receipt_hash = @hash", new { hash }, transaction,
            cancellationToken: cancellationToken));
        // Scores kept for the wave (Scores.WaveScoreStore) no longer count, and go.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE surveys SET responses_revision = responses_revision + 1 WHERE id = @surveyId", new { surveyId }, transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM wave_scores WHERE survey_id = @surveyId", new { surveyId }, transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return WithdrawalOutcome.Deleted;
    }

    /// <summary>
    /// Deletes a closed survey's raw responses and their panel links for good, and records the day. Its kept scores
    /// stay valid (its revision does not move): they are the figures of the wave as it closed.
    /// </summary>
    public async Task<int> PurgeRawAsync(string surveyId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM panel_memberships WHERE response_id IN (SELECT id FROM responses WHERE survey_id = @surveyId)",
            new { surveyId }, transaction, cancellationToken: cancellationToken));
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM responses WHERE survey_id = @surveyId", new { surveyId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE surveys SET responses_purged_on = @today WHERE id = @surveyId AND status = 'closed'",
            new { surveyId, today = today.ToIsoString() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
