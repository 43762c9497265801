using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Hosting;

/// <summary>Requests per minute; 0 turns that limit off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Evaluation:RateLimits";

    /// <summary>Typed codes (resume and receipt codes) tried per minute from one address: guessing is slowed to a crawl.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1_000_000)]
    public int CodeAttemptsPerMinute { get; set; } = 20;

    /// <summary>Respondent pages and the respondent API per minute from one address (a care home may share one address).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1_000_000)]
    public int RespondentRequestsPerMinute { get; set; } = 300;

    /// <summary>Staff API requests per minute per key (or per address without one).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1_000_000)]
    public int ApiRequestsPerMinute { get; set; } = 1200;
}

/// <summary>
/// Fixed one-minute windows per caller and kind of request. A refusal is 429 problem details with Retry-After in
/// seconds. Callers are told apart by their address, or for the staff API by a hash of their key: the key itself is
/// never kept.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var (kind, permits) = Classify(context.Request, limits.Value);
                if (permits == 0)
                {
                    return RateLimitPartition.GetNoLimiter(kind);
                }
                return RateLimitPartition.GetFixedWindowLimiter($"{kind}|{CallerOf(context, kind)}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
                    detail: $"Please wait {seconds} seconds before trying again.").ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    private static (string Kind, int Permits) Classify(HttpRequest request, RateLimitOptions limits)
    {
        var path = request.Path;
        if (HttpMethods.IsPost(request.Method) && (path.Equals("/r") || path.Equals("/withdraw") || path.Equals("/api/withdrawals")))
        {
            return ("code", limits.CodeAttemptsPerMinute);
        }
        return path.StartsWithSegments("/r") || path.StartsWithSegments("/form") || path.StartsWithSegments("/withdraw")
            || path.StartsWithSegments("/api/respond")
            ? ("respondent", limits.RespondentRequestsPerMinute)
            : ("api", limits.ApiRequestsPerMinute);
    }

    private static string CallerOf(HttpContext context, string kind) =>
        kind == "api" && context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization
            ? "key:" + Digest.Sha256Hex(authorization)
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
