using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Evaluation.Api.Tests;

/// <summary>The counts an output publishes, for the disclosure tests: count-like numbers of a JSON answer, and the whole numbers of a page.</summary>
internal static partial class PublishedCounts
{
    private static readonly string[] CountNames = ["n", "respondents", "count", "nFrom", "nTo", "responses", "pairs", "invitationsAnswered"];

    /// <summary>Every count-like number in a JSON answer, with where it is.</summary>
    public static IEnumerable<(string Path, long Value)> InJson(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    if (CountNames.Contains(name) && value is JsonValue v && v.TryGetValue<long>(out var number))
                    {
                        yield return ($"{path}.{name}", number);
                    }
                    foreach (var inner in InJson(value, $"{path}.{name}"))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var inner in InJson(a[i], $"{path}[{i}]"))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }

    /// <summary>Every whole number shown as a count in a report or dashboard: "n = 12" and the tables' whole-number cells.</summary>
    public static IEnumerable<long> InHtml(string html) =>
        NEquals().Matches(html).Concat(WholeNumberCell().Matches(html)).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"n = (\d+)")]
    public static partial Regex NEquals();

    [GeneratedRegex(@"<td class=""number"">(\d+)</td>")]
    private static partial Regex WholeNumberCell();
}
