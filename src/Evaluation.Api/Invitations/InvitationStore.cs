using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Invitations;

public enum InvitationKind
{
    /// <summary>One person, one response: the token stops working once that response is submitted.</summary>
    SingleUse,

    /// <summary>One link for a circle and group, for low-risk contexts: anyone with it can answer, any number of times.</summary>
    Open,
}

/// <summary>What a token opens: a survey, a circle and a group. Never who holds it.</summary>
public sealed record Invitation(string TokenHash, string SurveyId, string CircleId, string StakeholderGroup, InvitationKind Kind, bool Used, string? Draft);

/// <summary>Invited (single-use tokens issued), how many of those were used, and all responses, for one circle and group.</summary>
public sealed record ParticipationCell(string CircleId, string StakeholderGroup, int Invited, int InvitationsUsed, int Responses);

/// <summary>A single-use invitation used up with the response it brought (an open link is never used up).</summary>
public sealed record InvitationUse(Invitation Invitation) : Responses.IUsedWithResponse
{
    public Task<bool> UseAsync(DbConnection connection, DbTransaction transaction) =>
        InvitationStore.TryUseAsync(connection, transaction, Invitation, CancellationToken.None);
}

public sealed class InvitationStore(Database database)
{
    /// <summary>A token of 160 random bits, in 32 characters people can read off paper (Crockford base32, no I L O U).</summary>
    public static string NewToken() => Crockford.Encode(RandomNumberGenerator.GetBytes(20));

    /// <summary>The stored form of a token, however it was typed from a card.</summary>
    public static string Hash(string token) => Digest.Sha256Hex(Crockford.Normalise(token));

    /// <summary>Stores tokens made with <see cref="NewToken"/> (only their hashes), all or none.</summary>
    public async Task StoreAsync(string surveyId, string circleId, string group, InvitationKind kind, IReadOnlyList<string> tokens, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO invitations (token_hash, survey_id, circle_id, stakeholder_group, kind)
            VALUES (@hash, @surveyId, @circleId, @group, @kind)
            """,
            tokens.Select(token => new { hash = Hash(token), surveyId, circleId, group, kind = Kebab.Name(kind) }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public Task<Invitation?> FindAsync(string token, CancellationToken cancellationToken) => FindByHashAsync(Hash(token), cancellationToken);

    public async Task<Invitation?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<InvitationRow>(new CommandDefinition(
            """
            SELECT token_hash AS TokenHash, survey_id AS SurveyId, circle_id AS CircleId, stakeholder_group AS StakeholderGroup,
                   kind AS Kind, used AS Used, draft AS Draft
            FROM invitations WHERE token_hash = @hash
            """,
            new { hash = tokenHash }, cancellationToken: cancellationToken));
        return row is null ? null : new Invitation(row.TokenHash, row.SurveyId, row.CircleId, row.StakeholderGroup, Kebab.Parse<InvitationKind>(row.Kind), row.Used != 0, row.Draft);
    }

    public async Task SaveDraftAsync(string tokenHash, string answersJson, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE invitations SET draft = @answersJson WHERE token_hash = @tokenHash AND kind = 'single-use' AND used = 0",
            new { tokenHash, answersJson }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// In the caller's transaction: marks a single-use token used and drops its draft; false when it was already
    /// used (a concurrent submission won). Open links are never used up.
    /// </summary>
    public static async Task<bool> TryUseAsync(DbConnection connection, DbTransaction transaction, Invitation invitation, CancellationToken cancellationToken)
    {
        if (invitation.Kind == InvitationKind.Open)
        {
            return true;
        }
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE invitations SET used = 1, draft = NULL WHERE token_hash = @TokenHash AND used = 0",
            invitation, transaction, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Single-use invitations issued and used, and responses received, per circle and group of the survey: one pass
    /// over each table (a correlated count per cell read a large wave's responses once per cell).
    /// </summary>
    public async Task<IReadOnlyList<ParticipationCell>> ParticipationAsync(string surveyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string CircleId, string StakeholderGroup, long Invited, long Used, long Responses)>(new CommandDefinition(
            """
            SELECT sc.circle_id AS CircleId, sg.stakeholder_group AS StakeholderGroup,
                   COALESCE(i.invited, 0) AS Invited, COALESCE(i.used, 0) AS Used, COALESCE(r.responses, 0) AS Responses
            FROM survey_circles sc
            JOIN survey_groups sg ON sg.survey_id = sc.survey_id
            LEFT JOIN (SELECT circle_id, stakeholder_group, count(*) AS invited, sum(used) AS used
                       FROM invitations WHERE survey_id = @surveyId AND kind = 'single-use'
                       GROUP BY circle_id, stakeholder_group) i
                   ON i.circle_id = sc.circle_id AND i.stakeholder_group = sg.stakeholder_group
            LEFT JOIN (SELECT circle_id, stakeholder_group, count(*) AS responses
                       FROM responses WHERE survey_id = @surveyId
                       GROUP BY circle_id, stakeholder_group) r
                   ON r.circle_id = sc.circle_id AND r.stakeholder_group = sg.stakeholder_group
            WHERE sc.survey_id = @surveyId
            ORDER BY sc.circle_id, sg.position
            """,
            new { surveyId }, cancellationToken: cancellationToken));
        return rows.Select(r => new ParticipationCell(r.CircleId, r.StakeholderGroup, (int)r.Invited, (int)r.Used, (int)r.Responses)).ToList();
    }

    /// <summary>Deletes every token (and draft) of surveys that closed more than <paramref name="days"/> days before <paramref name="today"/>.</summary>
    public async Task<int> PurgeAsync(DateOnly today, int days, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var cutoff = today.AddDays(-days).ToIsoString();
        var purged = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM invitations WHERE survey_id IN (SELECT id FROM surveys WHERE closes_on < @cutoff)",
            new { cutoff }, cancellationToken: cancellationToken));
        // Answers in progress of a survey past its closing day can never be sent: they go at once, not with the tokens.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM form_sessions WHERE survey_id IN (SELECT id FROM surveys WHERE closes_on < @today)",
            new { today = today.ToIsoString() }, cancellationToken: cancellationToken));
        // Staff retries are kept for the retention period; a survey's import and respondent records until it is purged.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM idempotency_records
            WHERE (created_on < @cutoff AND scope NOT LIKE 'import:%' AND scope NOT LIKE 'respondent:%')
               OR scope IN (SELECT 'import:' || id FROM surveys WHERE closes_on < @cutoff
                            UNION ALL SELECT 'respondent:' || id FROM surveys WHERE closes_on < @cutoff)
            """, new { cutoff }, cancellationToken: cancellationToken));
        return purged;
    }

    private sealed class InvitationRow
    {
        public string TokenHash { get; set; } = "";
        public string SurveyId { get; set; } = "";
        public string CircleId { get; set; } = "";
        public string StakeholderGroup { get; set; } = "";
        public string Kind { get; set; } = "";
        public long Used { get; set; }
        public string? Draft { get; set; }
    }
}
