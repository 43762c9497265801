using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Organisations;

public sealed record CreateOrganisationRequest(string Name);

public sealed record CreateCircleRequest(string Name, string? ParentCircleId = null);

public static class OrganisationEndpoints
{
    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/organisations").WithTags("Organisations").RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", CreateOrganisation).WithName(nameof(CreateOrganisation)).RequireAuthorization(Policies.Admin)
            .Audited("create-organisation", "organisation").ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetOrganisation).WithName(nameof(GetOrganisation)).OwnedBy(OwnedObject.Organisation, "id");
        group.MapPost("/{id}/circles", CreateCircle).WithName(nameof(CreateCircle))
            .OwnedBy(OwnedObject.Organisation, "id").Audited("create-circle", "circle")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    public static async Task<Results<Created<Organisation>, ProblemHttpResult>> CreateOrganisation(
        CreateOrganisationRequest request, OrganisationStore store, Calendar calendar, CancellationToken cancellationToken)
    {
        if (Text.Clean(request.Name) is not { } name)
        {
            return Problems.Unprocessable("name", "An organisation needs a name (1–200 characters).");
        }
        var organisation = await store.CreateAsync(name, calendar.Today(), cancellationToken);
        return TypedResults.Created($"/api/organisations/{organisation.Id}", organisation);
    }

    public static async Task<Results<Ok<Organisation>, ProblemHttpResult>> GetOrganisation(
        string id, OrganisationStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } organisation
            ? TypedResults.Ok(organisation)
            : Problems.NotFound("organisation", id);

    public static async Task<Results<Created<Circle>, ProblemHttpResult>> CreateCircle(
        string id, CreateCircleRequest request, OrganisationStore store, Calendar calendar, CancellationToken cancellationToken)
    {
        if (Text.Clean(request.Name) is not { } name)
        {
            return Problems.Unprocessable("name", "A circle needs a name (1–200 characters).");
        }
        var (outcome, circle) = await store.AddCircleAsync(id, name, request.ParentCircleId, calendar.Today(), cancellationToken);
        return outcome switch
        {
            AddCircleOutcome.Added => TypedResults.Created($"/api/organisations/{id}/circles/{circle!.Id}", circle),
            AddCircleOutcome.UnknownOrganisation => Problems.NotFound("organisation", id),
            AddCircleOutcome.UnknownParent => Problems.Unprocessable("parentCircleId", $"There is no circle '{request.ParentCircleId}' in this organisation."),
            _ => Problems.Conflict("Circle exists.", $"This organisation already has a circle named '{name}'.", "name"),
        };
    }
}
