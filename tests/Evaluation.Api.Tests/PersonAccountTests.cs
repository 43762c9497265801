using System.Security.Cryptography;
using Dapper;
using Evaluation.Api.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Evaluation.Api.Tests;

/// <summary>
/// People's accounts through ASP.NET Core Identity's UserManager over our Dapper store, on SQLite and PostgreSQL:
/// passwords by NIST SP 800-63B, lockout, stale writes refused, authenticator codes (RFC 6238) and single-use
/// recovery codes kept only as hashes.
/// </summary>
public sealed class PersonAccountTests : IDisposable
{
    private const string GoodPassword = "heather on the brecon beacons";
    private readonly EvaluationApiFactory _factory = new();
    private readonly IServiceScope _scope;

    public PersonAccountTests() => _scope = _factory.Services.CreateScope();

    private UserManager<Person> People => _scope.ServiceProvider.GetRequiredService<UserManager<Person>>();

    public void Dispose()
    {
        _scope.Dispose();
        _factory.Dispose();
    }

    private async Task<Person> CreateAsync(string email = "Rhian.Evans@example.org")
    {
        var person = new Person { Email = email, DisplayName = "Rhian Evans", Language = "cy" };
        var created = await People.CreateAsync(person, GoodPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return person;
    }

    [Fact]
    public async Task APerson_IsFoundByEmailInAnyCase_AndAnEmailIsTakenOnce()
    {
        var person = await CreateAsync();

        var found = await People.FindByEmailAsync("rhian.evans@EXAMPLE.org");
        Assert.NotNull(found);
        Assert.Equal((person.Id, "Rhian.Evans@example.org", "Rhian Evans", "cy"), (found.Id, found.Email, found.DisplayName, found.Language));
        Assert.True(await People.CheckPasswordAsync(found, GoodPassword));
        Assert.False(await People.CheckPasswordAsync(found, GoodPassword + "!"));
        Assert.DoesNotContain(GoodPassword, found.PasswordHash!, StringComparison.Ordinal);

        var again = await People.CreateAsync(new Person { Email = "RHIAN.evans@example.org", DisplayName = "Other" }, GoodPassword);
        Assert.Contains(again.Errors, e => e.Code is "DuplicateEmail" or "DuplicateUserName");
    }

    [Fact]
    public async Task TwoSignUpsRacingForOneEmail_OnlyOneIsStored()
    {
        var person = await CreateAsync();
        var store = (PersonStore)_scope.ServiceProvider.GetRequiredService<IUserStore<Person>>();

        // Past Identity's own look-up, as the second of two racing sign-ups is: the insert itself refuses it.
        var racer = new Person { Email = person.Email, NormalizedEmail = person.NormalizedEmail, DisplayName = "Racer", SecurityStamp = "x" };
        var result = await store.CreateAsync(racer, CancellationToken.None);

        Assert.Contains(result.Errors, e => e.Code == "DuplicateEmail");
        Assert.Null(await People.FindByIdAsync(racer.Id));
        Assert.Equal(person.Id, (await People.FindByEmailAsync(person.Email))!.Id);
    }

    [Theory]
    [InlineData("short pass", "PasswordTooShort")]
    [InlineData("QwertyAsdfgh", PasswordRules.Common)]
    [InlineData("Password2026!!", PasswordRules.Common)]
    [InlineData("monkeymonkey", PasswordRules.Common)]
    [InlineData("aaaaaaaaaaaaaaa", PasswordRules.Common)]
    [InlineData("my evaluation password", PasswordRules.Personal)]
    [InlineData("gwen.jones2026", PasswordRules.Personal)]
    public async Task APassword_ThatIsShortCommonOrPersonal_IsRefusedWithItsReason(string password, string code)
    {
        var refused = await People.CreateAsync(new Person { Email = "gwen.jones@example.org", DisplayName = "Gwen" }, password);

        Assert.Contains(refused.Errors, e => e.Code == code);
        Assert.Null(await People.FindByEmailAsync("gwen.jones@example.org"));
    }

    [Theory]
    [InlineData("heather on the brecon beacons")]
    [InlineData("739184620573")] // digits only are fine when they are not a common run
    [InlineData("Mae hiraeth yn fy nghalon")]
    public void APassword_WithoutCompositionRules_IsAccepted(string password) => Assert.False(PasswordRules.IsCommon(password));

    [Fact]
    public async Task APassword_LongerThanTheLimit_IsRefused()
    {
        var password = string.Concat(Enumerable.Range(0, 100).Select(i => $"w{i}"));
        Assert.InRange(password.Length, PasswordRules.MaximumLength + 1, 400);
        var result = await new PasswordRules().ValidateAsync(People, new Person { Email = "a@example.org" }, password);
        Assert.Contains(result.Errors, e => e.Code == PasswordRules.TooLong);
    }

    [Fact]
    public async Task RepeatedFailures_LockThePersonOut_AndTheLockIsStored()
    {
        var person = await CreateAsync();

        for (var attempt = 1; attempt < AccountsRegistration.FailedSignInsBeforeLockout; attempt++)
        {
            await People.AccessFailedAsync(person);
        }
        Assert.False(await People.IsLockedOutAsync(person));
        await People.AccessFailedAsync(person);

        var stored = (await People.FindByIdAsync(person.Id))!;
        Assert.True(await People.IsLockedOutAsync(stored));
        Assert.InRange(stored.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(AccountsRegistration.LockoutMinutes - 1),
            TimeSpan.FromMinutes(AccountsRegistration.LockoutMinutes));
    }

    [Fact]
    public async Task AWriteFromAStaleCopy_IsRefused_AndChangesNothing()
    {
        var person = await CreateAsync();
        var (first, second) = ((await People.FindByIdAsync(person.Id))!, (await People.FindByIdAsync(person.Id))!);

        first.DisplayName = "Rhian Evans-Price";
        Assert.True((await People.UpdateAsync(first)).Succeeded);
        second.Language = "en";
        var stale = await People.UpdateAsync(second);

        Assert.Contains(stale.Errors, e => e.Code == "ConcurrencyFailure");
        var stored = (await People.FindByIdAsync(person.Id))!;
        Assert.Equal(("Rhian Evans-Price", "cy"), (stored.DisplayName, stored.Language));
    }

    [Fact]
    public async Task ChangingThePassword_ChangesTheSecurityStamp()
    {
        var person = await CreateAsync();
        var before = person.SecurityStamp;

        var changed = await People.ChangePasswordAsync(person, GoodPassword, "a new and longer passphrase");

        Assert.True(changed.Succeeded);
        var stored = (await People.FindByIdAsync(person.Id))!;
        Assert.NotEqual(before, stored.SecurityStamp);
        Assert.True(await People.CheckPasswordAsync(stored, "a new and longer passphrase"));
    }

    [Fact]
    public async Task AnAuthenticatorCode_FromTheSharedKey_IsAccepted_AndAnyOtherIsNot()
    {
        var person = await CreateAsync();
        await People.ResetAuthenticatorKeyAsync(person);
        var key = (await People.GetAuthenticatorKeyAsync((await People.FindByIdAsync(person.Id))!))!;

        var code = Totp(key, DateTimeOffset.UtcNow);
        Assert.True(await People.VerifyTwoFactorTokenAsync(person, TokenOptions.DefaultAuthenticatorProvider, code));
        var wrong = ((int.Parse(code) + 500_000) % 1_000_000).ToString("D6");
        Assert.False(await People.VerifyTwoFactorTokenAsync(person, TokenOptions.DefaultAuthenticatorProvider, wrong));
    }

    [Fact]
    public async Task ARecoveryCode_WorksOnce_AndIsStoredOnlyAsAHash()
    {
        var person = await CreateAsync();
        var codes = (await People.GenerateNewTwoFactorRecoveryCodesAsync(person, 10))!.ToList();

        Assert.Equal(10, codes.Distinct().Count());
        Assert.True((await People.RedeemTwoFactorRecoveryCodeAsync(person, codes[3])).Succeeded);
        Assert.False((await People.RedeemTwoFactorRecoveryCodeAsync(person, codes[3])).Succeeded);
        Assert.Equal(9, await People.CountRecoveryCodesAsync(person));

        await using var connection = await _factory.OpenDatabaseAsync();
        var stored = (await connection.QueryAsync<string>("SELECT code_hash FROM person_recovery_codes")).ToList();
        Assert.Equal(9, stored.Count);
        Assert.Empty(stored.Intersect(codes));

        await People.GenerateNewTwoFactorRecoveryCodesAsync(person, 10);
        Assert.False((await People.RedeemTwoFactorRecoveryCodeAsync(person, codes[4])).Succeeded); // the old set is gone
    }

    /// <summary>RFC 6238 with SHA-1, 30-second steps and six digits, as authenticator apps compute it from the key shown to the person.</summary>
    internal static string Totp(string base32Key, DateTimeOffset at)
    {
        var step = at.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }
        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
        var offset = hash[^1] & 0x0f;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6");
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.TrimEnd('=').ToUpperInvariant().Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }
}
