using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

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

    /// <summary>What is wrong, in words a caller can act on, without .NET type names or the input text.</summary>
    private static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        var conversion = ConversionTarget().Match(message);
        if (conversion.Success)
        {
            return "The value has the wrong type: expected " + Expected(conversion.Groups[1].Value) + ".";
        }
        return TypeName().Replace(message, "");
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("Int32", StringComparison.Ordinal) => "a whole number, or null where allowed",
        _ when type.Contains("DateOnly", StringComparison.Ordinal) => "a date written YYYY-MM-DD",
        _ when type.Contains("String", StringComparison.Ordinal) => "a string",
        _ when type.Contains("IReadOnlyList", StringComparison.Ordinal) => "an array",
        _ when type.Contains("IReadOnlyDictionary", StringComparison.Ordinal) => "an object",
        _ => "an object of the documented shape",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"could not be converted to ([^\s]+?)\.?$")]
    private static partial System.Text.RegularExpressions.Regex ConversionTarget();

    [System.Text.RegularExpressions.GeneratedRegex(@" ?(contained in|of|for) type '[^']+'")]
    private static partial System.Text.RegularExpressions.Regex TypeName();
}
