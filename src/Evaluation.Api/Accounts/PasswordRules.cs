using Microsoft.AspNetCore.Identity;

namespace Evaluation.Api.Accounts;

/// <summary>
/// Passwords as NIST SP 800-63B (revision 4) asks: at least 12 characters, no composition rules (Identity's own
/// length rule, set in <see cref="AccountsRegistration"/>), at most 256 so hashing stays cheap, and not a password
/// that is known to be common or easy to guess: one of the 49,233 most common (shipped in <c>common-passwords.txt</c>),
/// one of them with digits or symbols around it ("password2026!"), one word said again ("monkeymonkey"), the
/// service's name or the person's own email. Letter case never makes a common password safe.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<Person>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;

    /// <summary>The codes of the errors this adds to Identity's; pages put them in the reader's language.</summary>
    public const string TooLong = "PasswordTooLong";
    public const string Common = "PasswordCommon";
    public const string Personal = "PasswordPersonal";

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(Read);

    public Task<IdentityResult> ValidateAsync(UserManager<Person> manager, Person person, string? password)
    {
        password ??= "";
        if (password.Length > MaximumLength)
        {
            return Failed(TooLong, $"Use at most {MaximumLength} characters.");
        }
        if (IsCommon(password))
        {
            return Failed(Common, "This password is one of the most common, or one of them with a few characters added: choose another.");
        }
        var lower = password.ToLowerInvariant();
        var local = person.Email.Split('@')[0].ToLowerInvariant();
        if (lower.Contains("evaluation", StringComparison.Ordinal) || (person.Email.Length > 0 && lower.Contains(person.Email.ToLowerInvariant(), StringComparison.Ordinal))
            || (local.Length >= 4 && Strip(lower) == local))
        {
            return Failed(Personal, "Do not use the name of this service or your email address in your password.");
        }
        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>Whether a password (of any case) is common: itself, with digits or symbols around it, or one word repeated.</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        var core = Strip(lower);
        return CommonPasswords.Value.Contains(lower) || Repeats(lower)
            || (core.Length >= 4 && (CommonPasswords.Value.Contains(core) || Repeats(core)));
    }

    /// <summary>The password without the digits and symbols at either end.</summary>
    private static string Strip(string text)
    {
        static bool Drop(char c) => !char.IsLetter(c);
        var (start, end) = (0, text.Length);
        while (start < end && Drop(text[start]))
        {
            start++;
        }
        while (end > start && Drop(text[end - 1]))
        {
            end--;
        }
        return text[start..end];
    }

    /// <summary>"monkeymonkey", "abcabcabcabc": the same piece, two or more times.</summary>
    private static bool Repeats(string text)
    {
        for (var size = 1; size <= text.Length / 2; size++)
        {
            if (text.Length % size == 0 && string.Concat(Enumerable.Repeat(text[..size], text.Length / size)) == text)
            {
                return true;
            }
        }
        return false;
    }

    private static Task<IdentityResult> Failed(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    private static HashSet<string> Read()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("Evaluation.Api.Accounts.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line);
            }
        }
        return set;
    }
}
