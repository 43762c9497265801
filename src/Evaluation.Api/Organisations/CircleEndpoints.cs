using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Organisations;

/// <summary>Circles across organisations, as a list to page through (an organisation's page shows its own whole).</summary>
public static class CircleEndpoints
{
    public static IEndpointRouteBuilder MapCircles(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/circles", ListCircles).WithName(nameof(ListCircles))
            .WithSummary("List circles in pages: all, an organisation's, a team's, or a circle lead's own").WithTags("Organisations")
            .RequireAuthorization(Policies.CircleReaders)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    /// <summary>
    /// Circles by organisation and name: an admin's of every organisation, an evaluator's of their own, a circle
    /// lead's only the circles they lead; <c>organisation</c> and <c>team</c> narrow the list.
    /// </summary>
    public static async Task<Results<Ok<Page<CircleSummary>>, ProblemHttpResult>> ListCircles(
        string? organisation, string? team, int? limit, string? cursor, Caller caller, OrganisationStore store, CancellationToken cancellationToken)
    {
        var lead = caller.Role == Role.CircleLead;
        if (organisation is not null && !(caller.MayManage(organisation) || (lead && caller.OrganisationId == organisation)))
        {
            return Problems.NotFound("organisation", organisation); // as for any object of another organisation
        }
        var (paging, problem) = Paging.Read(limit, cursor, keyParts: 3);
        if (paging is null)
        {
            return problem!;
        }
        var scope = caller.ListScope(organisation);
        var fetched = await store.ListCirclesAsync(scope, lead ? caller.CircleIds : null, team, paging.After, paging.Limit + 1, cancellationToken);
        return TypedResults.Ok(paging.PageOf(fetched, c => [c.OrganisationId, c.Name, c.Id], "/api/circles",
            [("organisation", organisation), ("team", team)]));
    }
}
