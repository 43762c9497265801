using System.Reflection;
using System.Security.Claims;
using Evaluation.Api.Hosting;

namespace Evaluation.Api.Security;

/// <summary>
/// Who is calling, from their key: role, the organisation it belongs to and, for a circle lead, the circles.
/// Bound as an endpoint parameter; anonymous callers never reach an endpoint that takes one.
/// </summary>
public sealed record Caller(string KeyId, Role Role, string? OrganisationId, IReadOnlyList<string> CircleIds)
{
    public const string OrganisationClaim = "organisation";
    public const string CircleClaim = "circle";

    public bool IsAdmin => Role == Role.Admin;

    /// <summary>Admins manage every organisation; an evaluator only their own.</summary>
    public bool MayManage(string organisationId) =>
        IsAdmin || (Role == Role.Evaluator && OrganisationId == organisationId);

    /// <summary>Released reports: admins everywhere; an organisation's evaluators and funders there.</summary>
    public bool MayRead(string organisationId) =>
        IsAdmin || (Role is Role.Evaluator or Role.Funder && OrganisationId == organisationId);

    /// <summary>
    /// The organisation a list is narrowed to: the one asked for (already checked against the caller's scope), else
    /// every organisation for an admin and the caller's own for anyone else ("" matches nothing for a key without one).
    /// </summary>
    public string? ListScope(string? organisation) => organisation ?? (IsAdmin ? null : OrganisationId ?? "");

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The caller has no key."),
        Kebab.Parse<Role>(user.FindFirstValue(ClaimTypes.Role) ?? ""),
        user.FindFirstValue(OrganisationClaim),
        user.FindAll(CircleClaim).Select(c => c.Value).ToList());

    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(From(context.User));
}
