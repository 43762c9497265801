using Microsoft.AspNetCore.Identity;

namespace Evaluation.Api.Accounts;

public static class AccountsRegistration
{
    /// <summary>The failed sign-ins in a row after which a person waits <see cref="LockoutMinutes"/> (NIST allows up to 100).</summary>
    public const int FailedSignInsBeforeLockout = 10;
    public const int LockoutMinutes = 15;

    /// <summary>
    /// ASP.NET Core Identity for people, over <see cref="PersonStore"/>: the email is the user name, passwords follow
    /// <see cref="PasswordRules"/> (Identity's composition rules are off), repeated failures lock a person out, and
    /// authenticator apps (TOTP) are the second factor.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<MembershipStore>();
        services.AddIdentityCore<Person>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = null!; // any email address; uniqueness is checked on the normalised email
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = FailedSignInsBeforeLockout;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(LockoutMinutes);
            })
            .AddUserStore<PersonStore>()
            .AddPasswordValidator<PasswordRules>()
            .AddTokenProvider<AuthenticatorTokenProvider<Person>>(TokenOptions.DefaultAuthenticatorProvider);
        return services;
    }
}
