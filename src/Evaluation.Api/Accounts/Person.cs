using Evaluation.Localisation;

namespace Evaluation.Api.Accounts;

/// <summary>
/// Someone who signs in: an admin, evaluator, circle lead or funder (never a respondent). ASP.NET Core Identity reads
/// and changes these fields through <see cref="PersonStore"/>; the person's email is also their user name.
/// </summary>
public sealed class Person
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public bool EmailConfirmed { get; set; }
    public string DisplayName { get; set; } = "";

    /// <summary>The language of their pages: <c>en</c> or <c>cy</c>.</summary>
    public string Language { get; set; } = Languages.English;

    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = "";
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();
    public bool LockoutEnabled { get; set; } = true;
    public DateTimeOffset? LockoutEnd { get; set; }
    public int AccessFailedCount { get; set; }
    public bool TwoFactorEnabled { get; set; }

    /// <summary>The TOTP secret the person's authenticator app shares, once they start setting one up.</summary>
    public string? AuthenticatorKey { get; set; }
}
