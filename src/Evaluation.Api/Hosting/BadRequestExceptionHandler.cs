using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Evaluation.Api.Hosting;

/// <summary>
/// Turns a request body that could not be read (malformed JSON, wrong type, duplicate or unknown property,
/// missing required field) into a 400 problem naming the JSON field. Input values are never echoed or logged.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }
        var json = FindJsonException(badRequest);
        var field = json?.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "body";
        var message = json is null ? badRequest.Message : Describe(json);
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid JSON for this endpoint.",
                Detail = "See 'errors': each key names the field at fault.",
            },
            Exception = exception,
        });
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    /// <summary>The exception's own first sentence, without the internal type names or the input text.</summary>
    private static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        return message.Replace("Evaluation.Api.", "", StringComparison.Ordinal);
    }
}
