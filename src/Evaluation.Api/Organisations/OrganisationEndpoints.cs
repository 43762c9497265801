using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Organisations;

public sealed record CreateOrganisationRequest(string Name);

public sealed record CreateCircleRequest(string Name, string? ParentCircleId = null, string? TeamId = null);

public sealed record CreateTeamRequest(string Name);

/// <summary>The team a circle moves into; null takes it out of any team.</summary>
public sealed record SetCircleTeamRequest(string? TeamId);

public sealed record PanelCodesRequest(int Count);

/// <summary>Fresh panel codes to print on cards, shown this once and stored nowhere.</summary>
public sealed record PanelCodes(IReadOnlyList<string> Codes);

public static class OrganisationEndpoints
{
    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/organisations").WithTags("Organisations").RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", CreateOrganisation).WithName(nameof(CreateOrganisation)).WithSummary("Create an organisation (a co-op)").RequireAuthorization(Policies.Admin)
            .Audited("create-organisation", "organisation").ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListOrganisations).WithName(nameof(ListOrganisations)).WithSummary("List organisations in pages")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetOrganisation).WithName(nameof(GetOrganisation)).WithSummary("Read an organisation with its circles and teams").OwnedBy(OwnedObject.Organisation, "id");
        group.MapPost("/{id}/panel-codes", CreatePanelCodes).WithName(nameof(CreatePanelCodes)).WithSummary("Make panel codes that link a person's answers across waves")
            .OwnedBy(OwnedObject.Organisation, "id").Audited("create-panel-codes", "organisation", "id")
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/circles", CreateCircle).WithName(nameof(CreateCircle)).WithSummary("Add a circle to an organisation")
            .OwnedBy(OwnedObject.Organisation, "id").Audited("create-circle", "circle")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPut("/{id}/circles/{circleId}/team", SetCircleTeam).WithName(nameof(SetCircleTeam)).WithSummary("Put a circle in a team, or take it out")
            .OwnedBy(OwnedObject.Organisation, "id").Audited("set-circle-team", "circle", "circleId")
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/teams", CreateTeam).WithName(nameof(CreateTeam)).WithSummary("Add a team (a group of circles) to an organisation")
            .OwnedBy(OwnedObject.Organisation, "id").Audited("create-team", "team")
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

    /// <summary>Every organisation for an admin, by name; an evaluator's own.</summary>
    public static async Task<Results<Ok<Page<OrganisationSummary>>, ProblemHttpResult>> ListOrganisations(
        int? limit, string? cursor, Caller caller, OrganisationStore store, CancellationToken cancellationToken)
    {
        var (paging, problem) = Paging.Read(limit, cursor, keyParts: 2);
        if (paging is null)
        {
            return problem!;
        }
        var fetched = await store.ListAsync(caller.IsAdmin ? null : caller.OrganisationId ?? "", paging.After, paging.Limit + 1, cancellationToken);
        return TypedResults.Ok(paging.PageOf(fetched, o => [o.Name, o.Id], "/api/organisations", []));
    }

    public static async Task<Results<Ok<Organisation>, ProblemHttpResult>> GetOrganisation(
        string id, OrganisationStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } organisation
            ? TypedResults.Ok(organisation)
            : Problems.NotFound("organisation", id);

    /// <summary>
    /// Codes for the panel cards of a pseudonymous survey series: each person keeps one card and gives its code every
    /// wave. Hand them out at random so that no one knows whose card is whose; the service never stores them.
    /// </summary>
    public static Results<Ok<PanelCodes>, ProblemHttpResult> CreatePanelCodes(string id, PanelCodesRequest request) =>
        request.Count is < 1 or > 2000
            ? Problems.Unprocessable("count", "Ask for 1–2000 codes at a time.")
            : TypedResults.Ok(new PanelCodes(Enumerable.Range(0, request.Count)
                .Select(_ => Panels.PanelCode.New()).ToList()));

    public static async Task<Results<Created<Circle>, ProblemHttpResult>> CreateCircle(
        string id, CreateCircleRequest request, OrganisationStore store, Calendar calendar, CancellationToken cancellationToken)
    {
        if (Text.Clean(request.Name) is not { } name)
        {
            return Problems.Unprocessable("name", "A circle needs a name (1–200 characters).");
        }
        var (outcome, circle) = await store.AddCircleAsync(id, name, request.ParentCircleId, request.TeamId, calendar.Today(), cancellationToken);
        return outcome switch
        {
            AddCircleOutcome.Added => TypedResults.Created($"/api/organisations/{id}/circles/{circle!.Id}", circle),
            AddCircleOutcome.UnknownOrganisation => Problems.NotFound("organisation", id),
            AddCircleOutcome.UnknownParent => Problems.Unprocessable("parentCircleId", $"There is no circle '{request.ParentCircleId}' in this organisation."),
            AddCircleOutcome.UnknownTeam => Problems.Unprocessable("teamId", $"There is no team '{request.TeamId}' in this organisation."),
            _ => Problems.Conflict("Circle exists.", $"This organisation already has a circle named '{name}'.", "name"),
        };
    }

    public static async Task<Results<Created<Team>, ProblemHttpResult>> CreateTeam(
        string id, CreateTeamRequest request, OrganisationStore store, Calendar calendar, CancellationToken cancellationToken)
    {
        if (Text.Clean(request.Name) is not { } name)
        {
            return Problems.Unprocessable("name", "A team needs a name (1–200 characters).");
        }
        var (outcome, team) = await store.AddTeamAsync(id, name, calendar.Today(), cancellationToken);
        return outcome switch
        {
            AddTeamOutcome.Added => TypedResults.Created($"/api/organisations/{id}/teams/{team!.Id}", team),
            AddTeamOutcome.UnknownOrganisation => Problems.NotFound("organisation", id),
            _ => Problems.Conflict("Team exists.", $"This organisation already has a team named '{name}'.", "name"),
        };
    }

    public static async Task<Results<Ok<Circle>, ProblemHttpResult>> SetCircleTeam(
        string id, string circleId, SetCircleTeamRequest request, OrganisationStore store, CancellationToken cancellationToken)
    {
        var (outcome, circle) = await store.SetTeamAsync(id, circleId, request.TeamId, cancellationToken);
        return outcome switch
        {
            SetTeamOutcome.Set => TypedResults.Ok(circle!),
            SetTeamOutcome.UnknownTeam => Problems.Unprocessable("teamId", $"There is no team '{request.TeamId}' in this organisation."),
            _ => Problems.NotFound("circle", circleId),
        };
    }
}
