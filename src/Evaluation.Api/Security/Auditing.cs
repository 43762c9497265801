namespace Evaluation.Api.Security;

/// <summary>A staff action as the audit log records it.</summary>
public sealed record AuditAction(Caller Caller, string Action, string ObjectType, string? ObjectId, string? OrganisationId, bool DayOnly);

/// <summary>
/// Records a staff action in the <see cref="AuditLog"/> once it has succeeded. The object is the one the route
/// names (a survey for a response entered into it: never the response itself), or for a creation the new object.
/// A handler may instead write the entry in the same transaction as the action (<see cref="Pending"/>, then
/// <see cref="MarkRecorded"/>): the two then commit together, and the filter writes nothing more.
/// </summary>
public static class Auditing
{
    private const string PendingItem = "evaluation.audit.pending";
    private const string RecordedItem = "evaluation.audit.recorded";

    /// <summary>The entry this route's filter will write after the handler, when the route names its object.</summary>
    public static AuditAction? Pending(HttpContext http) => http.Items[PendingItem] as AuditAction;

    /// <summary>
    /// The handler has committed <see cref="Pending"/> with its action, or is only repeating the answer to a request
    /// already carried out (same idempotency key), whose entry was written then: the filter writes nothing.
    /// </summary>
    public static void MarkRecorded(HttpContext http) => http.Items[RecordedItem] = true;

    /// <param name="dayOnly">Record only the day (actions on responses: a time of day could point at a person).</param>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action, string objectType, string? routeValue = null, bool dayOnly = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (routeValue is not null)
            {
                http.Items[PendingItem] = new AuditAction(Caller.From(http.User), action, objectType, http.Request.RouteValues[routeValue] as string,
                    http.Items[Ownership.OrganisationItem] as string, dayOnly);
            }
            var result = await next(context);
            if (http.Items.ContainsKey(RecordedItem))
            {
                return result;
            }
            var outcome = result;
            while (outcome is INestedHttpResult nested) // Results<A, B> wraps the one that was chosen
            {
                outcome = nested.Result;
            }
            // A result that states no status (content, a file) is a 200.
            if (outcome is IResult && ((outcome as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK) is >= 200 and < 300)
            {
                var created = (outcome as IValueHttpResult)?.Value;
                var objectId = routeValue is null ? Property(created, "Id") : http.Request.RouteValues[routeValue] as string;
                var organisationId = http.Items[Ownership.OrganisationItem] as string
                    ?? Property(created, "OrganisationId")
                    ?? (objectType == "organisation" ? objectId : null);
                // Not the request's token: the action has happened, so its record must not be lost to a closed connection.
                await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(
                    Caller.From(http.User), action, objectType, objectId, organisationId, dayOnly, CancellationToken.None);
            }
            return result;
        });

    private static string? Property(object? value, string name) =>
        value?.GetType().GetProperty(name)?.GetValue(value) as string;
}
