namespace Evaluation.Instruments;

/// <summary>Header rules every kind of instrument file follows: kind, id, version, languages, translation status.</summary>
internal static class CommonRules
{
    public static readonly IReadOnlyList<string> RequiredLanguages = [LocalizedText.English, "cy"];

    public static void Header(string kind, string expectedKind, string id, string version, IReadOnlyList<string> languages,
        IReadOnlyDictionary<string, TranslationStatus> translations, ProblemList problems)
    {
        if (kind != expectedKind)
        {
            problems.Add("$.kind", $"expected '{expectedKind}'");
        }
        if (!IdRules.IsValid(id))
        {
            problems.Add("$.id", $"'{id}' is not a valid id (lower-case letters, digits and hyphens)");
        }
        if (string.IsNullOrWhiteSpace(version) || !version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
        {
            problems.Add("$.version", $"'{version}' is not a valid version (letters, digits, dots and hyphens)");
        }
        // The product is bilingual: every file carries English and Welsh, and says how far the Welsh is reviewed.
        foreach (var required in RequiredLanguages.Where(required => !languages.Contains(required)))
        {
            problems.Add("$.languages", $"'{required}' is required: every text is in English and Welsh");
        }
        for (var i = 0; i < languages.Count; i++)
        {
            if (languages.Take(i).Contains(languages[i]))
            {
                problems.Add($"$.languages[{i}]", $"'{languages[i]}' is listed twice");
            }
        }
        foreach (var language in translations.Keys.Where(language => !languages.Contains(language)))
        {
            problems.Add($"$.translations.{language}", $"language '{language}' is not listed in $.languages");
        }
        foreach (var language in languages.Distinct().Where(language => language != LocalizedText.English && !translations.ContainsKey(language)))
        {
            problems.Add("$.translations", $"say how far the '{language}' translation is reviewed: add translations.{language}.status (draft or reviewed)");
        }
    }
}
