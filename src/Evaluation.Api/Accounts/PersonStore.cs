using System.Globalization;
using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;
using Microsoft.AspNetCore.Identity;
using Calendar = Evaluation.Api.Hosting.Calendar;

namespace Evaluation.Api.Accounts;

/// <summary>
/// ASP.NET Core Identity's store for <see cref="Person"/>, over Dapper on SQLite or PostgreSQL. Identity changes a
/// person in memory and then calls <see cref="UpdateAsync"/>, which writes every field at once and refuses a write
/// based on a stale copy (the concurrency stamp). Recovery codes are written at once and kept only as hashes, so a
/// code is redeemed once however many requests race for it.
/// </summary>
public sealed class PersonStore(Database database, Calendar calendar, IdentityErrorDescriber errors) :
    IUserEmailStore<Person>,
    IUserPasswordStore<Person>,
    IUserSecurityStampStore<Person>,
    IUserLockoutStore<Person>,
    IUserTwoFactorStore<Person>,
    IUserAuthenticatorKeyStore<Person>,
    IUserTwoFactorRecoveryCodeStore<Person>
{
    private const string Columns =
        """
        id AS Id, email AS Email, normalized_email AS NormalizedEmail, email_confirmed AS EmailConfirmed, display_name AS DisplayName,
        language AS Language, password_hash AS PasswordHash, security_stamp AS SecurityStamp, concurrency_stamp AS ConcurrencyStamp,
        lockout_enabled AS LockoutEnabled, lockout_end AS LockoutEnd, access_failed_count AS AccessFailedCount,
        two_factor_enabled AS TwoFactorEnabled, authenticator_key AS AuthenticatorKey
        """;

    /// <summary>
    /// Identity has already looked the email up (RequireUniqueEmail); the insert itself keeps two sign-ups racing for
    /// one address from both succeeding.
    /// </summary>
    public async Task<IdentityResult> CreateAsync(Person person, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var created = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO people (id, email, normalized_email, email_confirmed, display_name, language, password_hash, security_stamp,
                                concurrency_stamp, lockout_enabled, lockout_end, access_failed_count, two_factor_enabled, authenticator_key, created_on)
            VALUES (@Id, @Email, @NormalizedEmail, @EmailConfirmed, @DisplayName, @Language, @PasswordHash, @SecurityStamp,
                    @ConcurrencyStamp, @LockoutEnabled, @LockoutEnd, @AccessFailedCount, @TwoFactorEnabled, @AuthenticatorKey, @CreatedOn)
            ON CONFLICT (normalized_email) DO NOTHING
            """,
            Row.From(person) with { CreatedOn = calendar.Today().ToIsoString() }, cancellationToken: cancellationToken));
        return created == 1 ? IdentityResult.Success : IdentityResult.Failed(errors.DuplicateEmail(person.Email));
    }

    public async Task<IdentityResult> UpdateAsync(Person person, CancellationToken cancellationToken)
    {
        var read = person.ConcurrencyStamp;
        person.ConcurrencyStamp = Guid.NewGuid().ToString();
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE people SET email = @Email, normalized_email = @NormalizedEmail, email_confirmed = @EmailConfirmed, display_name = @DisplayName,
                   language = @Language, password_hash = @PasswordHash, security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp,
                   lockout_enabled = @LockoutEnabled, lockout_end = @LockoutEnd, access_failed_count = @AccessFailedCount,
                   two_factor_enabled = @TwoFactorEnabled, authenticator_key = @AuthenticatorKey
            WHERE id = @Id AND concurrency_stamp = @Read
            """,
            Row.From(person) with { Read = read }, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            person.ConcurrencyStamp = read;
            return IdentityResult.Failed(errors.ConcurrencyFailure());
        }
        return IdentityResult.Success;
    }

    /// <summary>People are never deleted: their memberships end (and their sessions with them), the audit trail keeps their id.</summary>
    public Task<IdentityResult> DeleteAsync(Person person, CancellationToken cancellationToken) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "NotDeleted", Description = "People are not deleted; end their memberships instead." }));

    public Task<Person?> FindByIdAsync(string userId, CancellationToken cancellationToken) => FindAsync("id = @value", userId, cancellationToken);

    public Task<Person?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) => FindByEmailAsync(normalizedUserName, cancellationToken);

    public Task<Person?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        FindAsync("normalized_email = @value", normalizedEmail, cancellationToken);

    private async Task<Person?> FindAsync(string where, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM people WHERE {where}", new { value }, cancellationToken: cancellationToken));
        return row?.ToPerson();
    }

    // The user name is the email: Identity's name calls read and write the email fields.
    public Task<string> GetUserIdAsync(Person person, CancellationToken cancellationToken) => Task.FromResult(person.Id);

    public Task<string?> GetUserNameAsync(Person person, CancellationToken cancellationToken) => Task.FromResult<string?>(person.Email);

    public Task SetUserNameAsync(Person person, string? userName, CancellationToken cancellationToken) => Set(() => person.Email = userName ?? "");

    public Task<string?> GetNormalizedUserNameAsync(Person person, CancellationToken cancellationToken) => Task.FromResult<string?>(person.NormalizedEmail);

    public Task SetNormalizedUserNameAsync(Person person, string? normalizedName, CancellationToken cancellationToken) =>
        Set(() => person.NormalizedEmail = normalizedName ?? "");

    public Task SetEmailAsync(Person person, string? email, CancellationToken cancellationToken) => Set(() => person.Email = email ?? "");

    public Task<string?> GetEmailAsync(Person person, CancellationToken cancellationToken) => Task.FromResult<string?>(person.Email);

    public Task<bool> GetEmailConfirmedAsync(Person person, CancellationToken cancellationToken) => Task.FromResult(person.EmailConfirmed);

    public Task SetEmailConfirmedAsync(Person person, bool confirmed, CancellationToken cancellationToken) => Set(() => person.EmailConfirmed = confirmed);

    public Task<string?> GetNormalizedEmailAsync(Person person, CancellationToken cancellationToken) => Task.FromResult<string?>(person.NormalizedEmail);

    public Task SetNormalizedEmailAsync(Person person, string? normalizedEmail, CancellationToken cancellationToken) =>
        Set(() => person.NormalizedEmail = normalizedEmail ?? "");

    public Task SetPasswordHashAsync(Person person, string? passwordHash, CancellationToken cancellationToken) => Set(() => person.PasswordHash = passwordHash);

    public Task<string?> GetPasswordHashAsync(Person person, CancellationToken cancellationToken) => Task.FromResult(person.PasswordHash);

    public Task<bool> HasPasswordAsync(Person person, CancellationToken cancellationToken) => Task.FromResult(person.PasswordHash is not null);

    public Task SetSecurityStampAsync(Person person, string stamp, CancellationToken cancellationToken) => Set(() => person.SecurityStamp = stamp);

    public Task<string?> GetSecurityStampAsync(Person person, CancellationToken cancellationToken) => Task.FromResult<string?>(person.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(Person person, CancellationToken cancellationToken) => Task.FromResult(person.LockoutEnd);

    public Task SetLockoutEndDateAsync(Person person, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken) => Set(() => person.LockoutEnd = lockoutEnd);

    public Task<int> IncrementAccessFailedCountAsync(Person person, CancellationToken cancellationToken) => Task.FromResult(++person.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(Person person, CancellationToken cancellationToken) => Set(() => person.AccessFailedCount = 0);

    public Task<int> GetAccessFailedCountAsync(Person person, CancellationToken cancellationToken) => Task.FromResult(person.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(Person person, CancellationToken cancellationToken) => Task.FromResult(person.LockoutEnabled);

    public Task SetLockoutEnabledAsync(Person person, bool enabled, CancellationToken cancellationToken) => Set(() => person.LockoutEnabled = enabled);

    public Task SetTwoFactorEnabledAsync(Person person, bool enabled, CancellationToken cancellationToken) => Set(() => person.TwoFactorEnabled = enabled);

    public Task<bool> GetTwoFactorEnabledAsync(Person person, CancellationToken cancellationToken) => Task.FromResult(person.TwoFactorEnabled);

    public Task SetAuthenticatorKeyAsync(Person person, string key, CancellationToken cancellationToken) => Set(() => person.AuthenticatorKey = key);

    public Task<string?> GetAuthenticatorKeyAsync(Person person, CancellationToken cancellationToken) => Task.FromResult(person.AuthenticatorKey);

    public async Task ReplaceCodesAsync(Person person, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM person_recovery_codes WHERE person_id = @Id", person, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO person_recovery_codes (person_id, code_hash) VALUES (@id, @hash)",
            recoveryCodes.Select(code => new { id = person.Id, hash = Digest.Sha256Hex(code) }).DistinctBy(c => c.hash), transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> RedeemCodeAsync(Person person, string code, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM person_recovery_codes WHERE person_id = @id AND code_hash = @hash",
            new { id = person.Id, hash = Digest.Sha256Hex(code) }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<int> CountCodesAsync(Person person, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM person_recovery_codes WHERE person_id = @Id", person, cancellationToken: cancellationToken));
    }

    public void Dispose()
    {
    }

    private static Task Set(Action change)
    {
        change();
        return Task.CompletedTask;
    }

    /// <summary>A person as stored: flags as 0/1 and times as ISO 8601 text, the same on both engines.</summary>
    private sealed record Row
    {
        public string Id { get; init; } = "";
        public string Email { get; init; } = "";
        public string NormalizedEmail { get; init; } = "";
        public long EmailConfirmed { get; init; }
        public string DisplayName { get; init; } = "";
        public string Language { get; init; } = "";
        public string? PasswordHash { get; init; }
        public string SecurityStamp { get; init; } = "";
        public string ConcurrencyStamp { get; init; } = "";
        public long LockoutEnabled { get; init; }
        public string? LockoutEnd { get; init; }
        public long AccessFailedCount { get; init; }
        public long TwoFactorEnabled { get; init; }
        public string? AuthenticatorKey { get; init; }
        /// <summary>The day the person was added (inserts only).</summary>
        public string CreatedOn { get; init; } = "";

        /// <summary>The concurrency stamp of the copy being written (updates only).</summary>
        public string? Read { get; init; }

        public static Row From(Person person) => new()
        {
            Id = person.Id,
            Email = person.Email,
            NormalizedEmail = person.NormalizedEmail,
            EmailConfirmed = person.EmailConfirmed ? 1 : 0,
            DisplayName = person.DisplayName,
            Language = person.Language,
            PasswordHash = person.PasswordHash,
            SecurityStamp = person.SecurityStamp,
            ConcurrencyStamp = person.ConcurrencyStamp,
            LockoutEnabled = person.LockoutEnabled ? 1 : 0,
            LockoutEnd = person.LockoutEnd?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            AccessFailedCount = person.AccessFailedCount,
            TwoFactorEnabled = person.TwoFactorEnabled ? 1 : 0,
            AuthenticatorKey = person.AuthenticatorKey,
        };

        public Person ToPerson() => new()
        {
            Id = Id,
            Email = Email,
            NormalizedEmail = NormalizedEmail,
            EmailConfirmed = EmailConfirmed != 0,
            DisplayName = DisplayName,
            Language = Language,
            PasswordHash = PasswordHash,
            SecurityStamp = SecurityStamp,
            ConcurrencyStamp = ConcurrencyStamp,
            LockoutEnabled = LockoutEnabled != 0,
            LockoutEnd = LockoutEnd is null ? null : DateTimeOffset.Parse(LockoutEnd, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            AccessFailedCount = (int)AccessFailedCount,
            TwoFactorEnabled = TwoFactorEnabled != 0,
            AuthenticatorKey = AuthenticatorKey,
        };
    }
}
