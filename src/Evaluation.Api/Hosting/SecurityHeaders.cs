namespace Evaluation.Api.Hosting;

/// <summary>
/// Headers on every response, whatever produced it (endpoint, problem details, status page, exception handler):
/// no sniffing, no referrer, no framing, nothing cached unless an endpoint says otherwise, a content security policy
/// that allows nothing from anywhere (respondent pages and HTML reports set their own, as strict as they can be),
/// and HSTS outside development.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>For API answers: nothing may be loaded, run, framed or posted from them.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>For HTML reports and dashboards: their own inline stylesheet and inline SVG, no script, nothing fetched.</summary>
    public const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool strictTransport) => app.Use((context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
                    ? ReportPolicy
                    : ApiPolicy;
            }
            if (string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
            }
            if (strictTransport)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
