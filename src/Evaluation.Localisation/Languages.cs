namespace Evaluation.Localisation;

/// <summary>The languages the product speaks. Welsh is a draft awaiting review by a fluent speaker, as the instrument's Welsh is.</summary>
public static class Languages
{
    public const string English = "en";
    public const string Welsh = "cy";
    public const string WelshStatus = "draft";

    public static readonly IReadOnlyList<string> All = [English, Welsh];

    /// <summary>Welsh for a language tag that asks for it first (<c>cy</c>, <c>cy-GB</c>), else English.</summary>
    public static string FromTag(string? tag) =>
        tag is { Length: >= 2 } && tag.StartsWith(Welsh, StringComparison.OrdinalIgnoreCase) && (tag.Length == 2 || tag[2] is '-' or '_' or ',' or ';')
            ? Welsh
            : English;
}
