using System.Reflection;
using System.Security.Claims;

namespace Evaluation.Api.Security;

/// <summary>
/// Who is calling, from their key: role, the organisation it belongs to and, for a circle lead, the circles.
/// Bound as an endpoint parameter; anonymous callers never reach an endpoint that takes one.
/// </summary>
public sealed record Caller(string KeyId, string Role, string? OrganisationId, IReadOnlyList<string> CircleIds)
{
    public const string OrganisationClaim = "organisation";
    public const string CircleClaim = "circle";

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Admins manage every organisation; an evaluator only their own.</summary>
    public bool MayManage(string organisationId) =>
        IsAdmin || (Role == Roles.Evaluator && OrganisationId == organisationId);

    /// <summary>Released reports: admins everywhere; an organisation's evaluators and funders there.</summary>
    public bool MayRead(string organisationId) =>
        IsAdmin || (Role is Roles.Evaluator or Roles.Funder && OrganisationId == organisationId);

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The caller has no key."),
        user.FindFirstValue(ClaimTypes.Role) ?? "",
        user.FindFirstValue(OrganisationClaim),
        user.FindAll(CircleClaim).Select(c => c.Value).ToList());

    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(From(context.User));
}
