using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Evaluation.Localisation;

/// <summary>
/// The product's own words in English and Welsh, one catalogue per audience: <c>Texts/form.json</c> (the respondent
/// form), <c>Texts/report.json</c> (reports and dashboards), <c>Texts/respondent-api.json</c> (problems a respondent's
/// software shows). Every file has the shape instrument files use for their text, <c>{"key": {"en": "…", "cy": "…"}}</c>,
/// so a Welsh reviewer reads each string beside its English. A catalogue that lacks a language for a key, or whose
/// languages disagree on the <c>{0}</c> placeholders, does not load.
/// </summary>
public sealed partial class TextCatalogue
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _entries;

    private TextCatalogue(string name, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> entries) =>
        (Name, _entries) = (name, entries);

    public static TextCatalogue Form { get; } = Embedded("form");

    public static TextCatalogue Report { get; } = Embedded("report");

    public static TextCatalogue RespondentApi { get; } = Embedded("respondent-api");

    public string Name { get; }

    public IEnumerable<string> Keys => _entries.Keys;

    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/> (English for a language not spoken).</summary>
    public string Get(string language, string key) =>
        _entries.TryGetValue(key, out var texts)
            ? texts[Languages.All.Contains(language) ? language : Languages.English]
            : throw new KeyNotFoundException($"No text '{key}' in the {Name} catalogue.");

    public string Format(string language, string key, params object[] values) =>
        string.Format(CultureInfo.InvariantCulture, Get(language, key), values);

    /// <summary>Reads and checks a catalogue; <paramref name="name"/> says which file a problem is in.</summary>
    public static TextCatalogue Parse(string name, string json)
    {
        var entries = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(json)
            ?? throw new InvalidDataException($"{name}: the catalogue is empty.");
        var problems = new List<string>();
        foreach (var (key, texts) in entries)
        {
            foreach (var language in Languages.All.Where(l => !texts.TryGetValue(l, out var text) || string.IsNullOrWhiteSpace(text)))
            {
                problems.Add($"'{key}' has no '{language}' text");
            }
            foreach (var language in texts.Keys.Where(l => !Languages.All.Contains(l)))
            {
                problems.Add($"'{key}' has a text in '{language}', which the product does not speak");
            }
            var placeholders = texts.Values.Select(text => string.Join(' ', Placeholder().Matches(text).Select(m => m.Value).Distinct().Order())).Distinct();
            if (placeholders.Count() > 1)
            {
                problems.Add($"'{key}' has different placeholders in its languages");
            }
        }
        return problems.Count == 0
            ? new TextCatalogue(name, entries.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)e.Value, StringComparer.Ordinal))
            : throw new InvalidDataException($"{name}: {string.Join("; ", problems)}.");
    }

    private static TextCatalogue Embedded(string name)
    {
        using var stream = typeof(TextCatalogue).Assembly.GetManifestResourceStream($"Evaluation.Localisation.Texts.{name}.json")
            ?? throw new InvalidOperationException($"The {name} catalogue is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse($"Texts/{name}.json", reader.ReadToEnd());
    }

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
