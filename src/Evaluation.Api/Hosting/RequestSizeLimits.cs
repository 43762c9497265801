namespace Evaluation.Api.Hosting;

/// <summary>
/// Request bodies are small here — a response, a form page, a key — so anything over 1 MB is refused at once with 413
/// problem details, before it is read; CSV imports of paper responses may be up to 20 MB. The limit also goes to the
/// server, which enforces it on bodies sent without a length.
/// </summary>
public static class RequestSizeLimits
{
    public const long DefaultBytes = 1024 * 1024;
    public const long ImportBytes = 20 * 1024 * 1024;

    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.Request.Path.Value?.EndsWith("/imports", StringComparison.Ordinal) == true ? ImportBytes : DefaultBytes;
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        if (context.Request.ContentLength > limit)
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large.",
                detail: $"This endpoint takes at most {limit / 1024 / 1024} MB.").ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
