using Evaluation.Api.Hosting;
using Evaluation.Api.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Security;

/// <summary>
/// Who the caller is: their key, role and scope, with names to show. An admin has no organisation; a circle lead
/// has the circles their key reaches, in name order.
/// </summary>
public sealed record Me(string KeyId, string Label, Role Role, string? OrganisationId, string? OrganisationName, IReadOnlyList<Circle> Circles);

public static class MeEndpoint
{
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/me", GetMe).WithName(nameof(GetMe)).WithSummary("Who the calling key belongs to: its role, organisation and circles").WithTags("Keys").RequireAuthorization(Policies.AnyKey)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return routes;
    }

    public static async Task<Ok<Me>> GetMe(Caller caller, ApiKeyStore keys, OrganisationStore organisations, CancellationToken cancellationToken)
    {
        var key = (await keys.GetAsync(caller.KeyId, cancellationToken))!; // authenticated just now, so it exists
        var organisation = caller.OrganisationId is { } id ? await organisations.FindAsync(id, cancellationToken) : null;
        var circles = caller.Role == Role.CircleLead && organisation is not null
            ? organisation.Circles.Where(c => caller.CircleIds.Contains(c.Id)).ToList()
            : [];
        return TypedResults.Ok(new Me(key.Id, key.Label, caller.Role, caller.OrganisationId, organisation?.Name, circles));
    }
}
