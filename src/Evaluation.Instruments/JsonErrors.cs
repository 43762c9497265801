using System.Text.Json;
using System.Text.RegularExpressions;

namespace Evaluation.Instruments;

/// <summary>
/// Words a serializer error for the person who wrote the JSON: what is wrong, without .NET type names, the
/// trailing path (callers report the path separately) or the offending input.
/// </summary>
public static partial class JsonErrors
{
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            message = cut > 0 ? message[..cut] : message;
        }
        message = message.TrimEnd(' ', '|');
        var conversion = ConversionTarget().Match(message);
        return conversion.Success
            ? "The value has the wrong type: expected " + Expected(conversion.Groups[1].Value) + "."
            : TypeName().Replace(message, "");
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("Int32", StringComparison.Ordinal) => "a whole number, or null where allowed",
        _ when type.Contains("Double", StringComparison.Ordinal) => "a number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("DateOnly", StringComparison.Ordinal) => "a date written YYYY-MM-DD",
        _ when type.Contains("String", StringComparison.Ordinal) => "a string",
        _ when type.Contains("IReadOnlyList", StringComparison.Ordinal) => "an array",
        _ when type.Contains("IReadOnlyDictionary", StringComparison.Ordinal) => "an object",
        _ => "an object of the documented shape",
    };

    [GeneratedRegex(@"could not be converted to ([^\s]+?)\.?$")]
    private static partial Regex ConversionTarget();

    [GeneratedRegex(@" ?(contained in|of|for) type '[^']+'")]
    private static partial Regex TypeName();
}
