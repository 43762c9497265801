using System.Security.Claims;
using System.Text.Encodings.Web;
using Evaluation.Api.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Security;

/// <summary>Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against the hashed keys in storage.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var identity = await keys.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked key.");
        }
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, identity.Id), new(ClaimTypes.Role, Kebab.Name(identity.Role))];
        if (identity.OrganisationId is not null)
        {
            claims.Add(new Claim(Caller.OrganisationClaim, identity.OrganisationId));
        }
        claims.AddRange(identity.CircleIds.Select(circle => new Claim(Caller.CircleClaim, circle)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}

public static class SecurityRegistration
{
    public static IServiceCollection AddApiKeySecurity(this IServiceCollection services)
    {
        services.AddSingleton<Scopes>();
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Kebab.Name(Role.Admin)))
            .AddPolicy(Policies.Staff, policy => policy.RequireRole(Kebab.Name(Role.Admin), Kebab.Name(Role.Evaluator)))
            .AddPolicy(Policies.Readers, policy => policy.RequireRole(Kebab.Name(Role.Admin), Kebab.Name(Role.Evaluator), Kebab.Name(Role.Funder)))
            .AddPolicy(Policies.CircleReaders, policy => policy.RequireRole(Kebab.Name(Role.Admin), Kebab.Name(Role.Evaluator), Kebab.Name(Role.CircleLead)))
            .AddPolicy(Policies.AnyKey, policy => policy.RequireAuthenticatedUser());
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Owners>();
        return services;
    }
}
