using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Hosting;

public sealed record HealthStatus(string Status);

public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", Health).WithName(nameof(Health)).WithSummary("Whether the service is up").WithTags("Service")
            .AllowAnonymous();
        return routes;
    }

    public static Ok<HealthStatus> Health() => TypedResults.Ok(new HealthStatus("ok"));
}
