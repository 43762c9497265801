using System.Collections.Concurrent;
using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Security;

public enum OwnedObject
{
    Organisation,
    Survey,
}

/// <summary>
/// Object-level access for routes that name an organisation or a survey: the caller must manage the organisation
/// it belongs to (<see cref="Caller.MayManage"/>); anything else is answered 404 exactly as an unknown id, so a
/// key never learns what another organisation holds.
/// </summary>
public static class Ownership
{
    /// <summary>The organisation of the object the route names, once the filter has let the call through.</summary>
    public const string OrganisationItem = "evaluation.organisation";

    public static TBuilder OwnedBy<TBuilder>(this TBuilder builder, OwnedObject kind, string routeValue)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var id = http.Request.RouteValues[routeValue] as string ?? "";
            var organisationId = await http.RequestServices.GetRequiredService<Owners>().OrganisationOfAsync(kind, id, http.RequestAborted);
            if (organisationId is null || !Caller.From(http.User).MayManage(organisationId))
            {
                return Problems.NotFound(kind == OwnedObject.Survey ? "survey" : "organisation", id);
            }
            http.Items[OrganisationItem] = organisationId;
            return await next(context);
        }).WithMetadata(kind).ProducesProblem(StatusCodes.Status404NotFound);
}

/// <summary>
/// The organisation of a survey, and whether an organisation exists, as found in the database: neither ever changes
/// (nothing moves a survey to another organisation or deletes either), so each found answer is kept for the life of
/// the service and the check costs no query after the first. What was not found is asked again every time.
/// </summary>
public sealed class Owners(Database database)
{
    private readonly ConcurrentDictionary<(OwnedObject Kind, string Id), string> _found = new();

    public async Task<string?> OrganisationOfAsync(OwnedObject kind, string id, CancellationToken cancellationToken)
    {
        if (_found.TryGetValue((kind, id), out var known))
        {
            return known;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var organisationId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            kind == OwnedObject.Survey ? "SELECT organisation_id FROM surveys WHERE id = @id" : "SELECT id FROM organisations WHERE id = @id",
            new { id }, cancellationToken: cancellationToken));
        if (organisationId is not null)
        {
            _found.TryAdd((kind, id), organisationId);
        }
        return organisationId;
    }
}
