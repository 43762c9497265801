using System.Text.Json;
using Evaluation.Instruments;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Evaluation.Api.Hosting;

/// <summary>
/// Turns a request body that could not be read (malformed JSON, wrong type, duplicate or unknown property,
/// missing required field) into a 400 problem naming the JSON field. Input values are never echoed or logged.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }
        httpContext.Response.StatusCode = badRequest.StatusCode;
        if (UnboundParameter().Match(badRequest.Message) is { Success: true } unbound)
        {
            // A query or route value of the wrong type: name the parameter, without echoing the value.
            var (name, type) = (unbound.Groups["name"].Value, unbound.Groups["type"].Value);
            var expected = type.Contains("bool", StringComparison.OrdinalIgnoreCase) ? "true or false"
                : type.Contains("int", StringComparison.OrdinalIgnoreCase) ? "a whole number" : $"a {type}";
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [$"Must be {expected}."] })
                {
                    Status = badRequest.StatusCode,
                    Title = "A parameter of the request could not be read.",
                    Detail = "See 'errors': each key names the parameter at fault.",
                },
                Exception = exception,
            });
        }
        if (FindJsonException(badRequest) is not { } json)
        {
            // Not a body problem (e.g. 415 wrong content type, 413 too large): say what ASP.NET Core said.
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails { Status = badRequest.StatusCode, Title = "The request could not be read.", Detail = badRequest.Message },
                Exception = exception,
            });
        }
        var field = json.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "body";
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [JsonErrors.Describe(json)] })
            {
                Status = badRequest.StatusCode,
                Title = "The request body is not valid JSON for this endpoint.",
                Detail = "See 'errors': each key names the field at fault.",
            },
            Exception = exception,
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to bind parameter ""(?<type>[^""]+) (?<name>\w+)"" from")]
    private static partial System.Text.RegularExpressions.Regex UnboundParameter();

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
}
