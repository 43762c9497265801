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
            var organisationId = await OrganisationOfAsync(http.RequestServices.GetRequiredService<Database>(), kind, id, http.RequestAborted);
            if (organisationId is null || !Caller.From(http.User).MayManage(organisationId))
            {
                return Problems.NotFound(kind == OwnedObject.Survey ? "survey" : "organisation", id);
            }
            http.Items[OrganisationItem] = organisationId;
            return await next(context);
        }).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<string?> OrganisationOfAsync(Database database, OwnedObject kind, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            kind == OwnedObject.Survey ? "SELECT organisation_id FROM surveys WHERE id = @id" : "SELECT id FROM organisations WHERE id = @id",
            new { id }, cancellationToken: cancellationToken));
    }
}
