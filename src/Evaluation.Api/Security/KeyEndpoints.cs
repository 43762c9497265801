using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Security;

/// <param name="Label">Whose key it is ("Ana, North circle lead"), for the key list and the audit trail.</param>
public sealed record CreateKeyRequest(string Role, string Label, string? OrganisationId = null, IReadOnlyList<string>? CircleIds = null);

/// <summary>The new key and its secret: shown this once, only its hash is stored.</summary>
public sealed record CreatedKey(string Id, Role Role, string Label, string? OrganisationId, IReadOnlyList<string> CircleIds, DateOnly CreatedOn, string Secret);

public static class KeyEndpoints
{
    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/keys").WithTags("Keys").RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", CreateKey).WithName(nameof(CreateKey)).WithSummary("Create an API key (shown once; only its hash is kept)").Audited("create-key", "key")
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListKeys).WithName(nameof(ListKeys)).WithSummary("List API keys in pages, without their secrets")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id}", RevokeKey).WithName(nameof(RevokeKey)).WithSummary("Revoke an API key at once").Audited("revoke-key", "key", "id")
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/api/audit", ListAudit).WithName(nameof(ListAudit)).WithSummary("Read the staff audit log, newest first").WithTags("Audit").RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        routes.MapGet("/api/audit/verification", VerifyAudit).WithName(nameof(VerifyAudit)).WithSummary("Check the audit log's hash chain and return its head").WithTags("Audit").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return routes;
    }

    /// <summary>Admins issue any key; an evaluator issues evaluator, circle-lead and funder keys for their own organisation.</summary>
    public static async Task<Results<Created<CreatedKey>, ProblemHttpResult>> CreateKey(
        CreateKeyRequest request, Caller caller, ApiKeyStore keys, Calendar calendar, CancellationToken cancellationToken)
    {
        if (!Kebab.TryParse<Role>(request.Role, out var role))
        {
            return Problems.Unprocessable("role", $"'{request.Role}' is not a role: {string.Join(", ", Kebab.All<Role>())}.");
        }
        var key = new NewApiKey(role, Text.Clean(request.Label) ?? "", request.OrganisationId, request.CircleIds ?? []);
        var errors = new Problems.ErrorList();
        if (key.Label.Length == 0)
        {
            errors.Add("label", "Say whose key this is (1–200 characters), so the key list and audit trail can be read.");
        }
        if (!caller.IsAdmin && role == Role.Admin)
        {
            errors.Add("role", "Only an admin can issue admin keys.");
        }
        else if (!caller.IsAdmin && request.OrganisationId is not null && !caller.MayManage(request.OrganisationId))
        {
            errors.Add("organisationId", $"There is no organisation '{request.OrganisationId}'.");
        }
        else
        {
            foreach (var (field, message) in await keys.CheckScopeAsync(key, cancellationToken))
            {
                errors.Add(field, message);
            }
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var (info, secret) = await keys.CreateAsync(key, calendar.Today(), cancellationToken);
        return TypedResults.Created($"/api/keys/{info.Id}",
            new CreatedKey(info.Id, info.Role, info.Label, info.OrganisationId, info.CircleIds, info.CreatedOn, secret));
    }

    /// <summary>Admins see every key; an evaluator their organisation's. Never secrets.</summary>
    /// <summary>
    /// Keys oldest first, revoked ones too (for the audit trail): an admin's of every organisation, an evaluator's of
    /// their own; <c>organisation</c> and <c>role</c> narrow the list.
    /// </summary>
    public static async Task<Results<Ok<Page<ApiKeyInfo>>, ProblemHttpResult>> ListKeys(
        string? organisation, string? role, int? limit, string? cursor, Caller caller, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        if (organisation is not null && !caller.MayManage(organisation))
        {
            return Problems.NotFound("organisation", organisation); // as for any object of another organisation
        }
        Role? asked = null;
        if (role is not null)
        {
            if (!Kebab.TryParse<Role>(role, out var parsed))
            {
                return Problems.Unprocessable("role", $"Use one of {string.Join(", ", Kebab.All<Role>())}.");
            }
            asked = parsed;
        }
        var (paging, problem) = Paging.Read(limit, cursor, keyParts: 2);
        if (paging is null)
        {
            return problem!;
        }
        var fetched = await keys.ListAsync(caller.ListScope(organisation), asked, paging.After,
            paging.Limit + 1, cancellationToken);
        return TypedResults.Ok(paging.PageOf(fetched, k => [k.CreatedOn.ToIsoString(), k.Id], "/api/keys",
            [("organisation", organisation), ("role", role)]));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        string id, Caller caller, ApiKeyStore keys, Calendar calendar, HttpContext context, CancellationToken cancellationToken)
    {
        if (await keys.GetAsync(id, cancellationToken) is not { } key
            || !(caller.IsAdmin || (key.OrganisationId is { } organisation && caller.MayManage(organisation))))
        {
            return Problems.NotFound("key", id);
        }
        context.Items[Ownership.OrganisationItem] = key.OrganisationId; // for the audit entry
        await keys.RevokeAsync(id, calendar.Today(), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The newest 500 staff actions: every organisation's for an admin, their own for an evaluator.</summary>
    public static async Task<Ok<IReadOnlyList<AuditEntry>>> ListAudit(Caller caller, AuditLog audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await audit.ListAsync(caller.IsAdmin ? null : caller.OrganisationId ?? "", 500, cancellationToken));

    /// <summary>Checks the whole audit chain (admins: it spans every organisation); its head hash can be noted down elsewhere.</summary>
    public static async Task<Ok<AuditVerification>> VerifyAudit(AuditLog audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await audit.VerifyAsync(cancellationToken));
}
