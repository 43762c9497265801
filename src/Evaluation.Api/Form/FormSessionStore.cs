using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Invitations;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Form;

/// <summary>One respondent's answers in progress: item → value (null = not applicable), comments per domain, who helped.</summary>
public sealed class FormState
{
    public Dictionary<string, int?> Answers { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Comments { get; set; } = new(StringComparer.Ordinal);

    public string? Mode { get; set; }

    [JsonIgnore]
    public bool IsEmpty => Answers.Count == 0 && Comments.Count == 0 && Mode is null;

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static FormState FromJson(string json) => JsonSerializer.Deserialize<FormState>(json, JsonOptions) ?? new FormState();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

/// <summary>A form session as found by its cookie: the invitation it belongs to and the answers so far.</summary>
public sealed record FormSession(string IdHash, string InvitationHash, FormState State);

/// <summary>
/// Form sessions in the database, so a respondent's answers survive page changes, restarts and other instances. The
/// browser holds a random secret; only its SHA-256 is stored. A single-use invitation has one session, which moves to
/// whichever browser opened the invitation last; a shared (open) link starts a new session each time.
/// </summary>
public sealed class FormSessionStore(Database database)
{
    /// <summary>A new session secret for the cookie: 128 random bits.</summary>
    public static string NewSecret() => Crockford.Encode(RandomNumberGenerator.GetBytes(16));

    /// <summary>A code to carry on later: 80 random bits as 16 characters, shown in groups of four.</summary>
    public static string NewResumeCode() => Crockford.Encode(RandomNumberGenerator.GetBytes(10))[..16];

    public static string Hash(string secretOrCode) => Digest.Sha256Hex(Crockford.Normalise(secretOrCode));

    /// <summary>
    /// Opens the session of an invitation for the browser holding <paramref name="secret"/>: a single-use invitation's
    /// existing session moves here (starting from a draft saved through the API when there is none); an open link
    /// starts afresh. Returns whether earlier answers were found.
    /// </summary>
    public async Task<bool> OpenAsync(Invitation invitation, string secret, DateOnly today, CancellationToken cancellationToken)
    {
        var idHash = Hash(secret);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (invitation.Kind == InvitationKind.SingleUse)
        {
            var moved = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "UPDATE form_sessions SET id_hash = @idHash, updated_on = @today WHERE invitation_hash = @TokenHash RETURNING state",
                new { idHash, today = today.ToIsoString(), invitation.TokenHash }, transaction, cancellationToken: cancellationToken));
            if (moved is not null)
            {
                await transaction.CommitAsync(cancellationToken);
                return !FormState.FromJson(moved).IsEmpty;
            }
        }
        var state = new FormState();
        if (invitation.Draft is not null)
        {
            state.Answers = JsonSerializer.Deserialize<Dictionary<string, int?>>(invitation.Draft) ?? state.Answers;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO form_sessions (id_hash, invitation_hash, survey_id, resume_hash, state, updated_on)
            VALUES (@idHash, @TokenHash, @SurveyId, NULL, @state, @today)
            """,
            new { idHash, invitation.TokenHash, invitation.SurveyId, state = state.ToJson(), today = today.ToIsoString() }, transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return !state.IsEmpty;
    }

    /// <summary>Moves the session saved under <paramref name="resumeCode"/> to the browser holding <paramref name="secret"/>; false when unknown.</summary>
    public async Task<bool> ResumeAsync(string resumeCode, string secret, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE form_sessions SET id_hash = @idHash, updated_on = @today WHERE resume_hash = @resumeHash",
            new { idHash = Hash(secret), today = today.ToIsoString(), resumeHash = Hash(resumeCode) }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<FormSession?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string IdHash, string InvitationHash, string State)>(new CommandDefinition(
            "SELECT id_hash, invitation_hash, state FROM form_sessions WHERE id_hash = @idHash",
            new { idHash = Hash(secret) }, cancellationToken: cancellationToken));
        return row.IdHash is null ? null : new FormSession(row.IdHash, row.InvitationHash, FormState.FromJson(row.State));
    }

    public async Task SaveAsync(FormSession session, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE form_sessions SET state = @state, updated_on = @today WHERE id_hash = @IdHash",
            new { state = session.State.ToJson(), today = today.ToIsoString(), session.IdHash }, cancellationToken: cancellationToken));
    }

    /// <summary>Gives the session a new resume code (any earlier one stops working) and returns it.</summary>
    public async Task<string> NewResumeCodeAsync(FormSession session, CancellationToken cancellationToken)
    {
        var code = NewResumeCode();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE form_sessions SET resume_hash = @resumeHash WHERE id_hash = @IdHash",
            new { resumeHash = Hash(code), session.IdHash }, cancellationToken: cancellationToken));
        return code;
    }

    /// <summary>In the submission's transaction: the answers in progress go when the response is stored.</summary>
    /// <summary>The form's session ends with the response it sends.</summary>
    public sealed record EndWithResponse(FormSession Session) : Responses.IUsedWithResponse
    {
        public async Task<bool> UseAsync(DbConnection connection, DbTransaction transaction)
        {
            await DeleteAsync(connection, transaction, Session, CancellationToken.None);
            return true;
        }
    }

    public static Task DeleteAsync(DbConnection connection, DbTransaction transaction, FormSession session, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("DELETE FROM form_sessions WHERE id_hash = @IdHash", session, transaction,
            cancellationToken: cancellationToken));
}
