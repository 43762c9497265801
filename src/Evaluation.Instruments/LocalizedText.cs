using System.Text.Json;
using System.Text.Json.Serialization;

namespace Evaluation.Instruments;

/// <summary>A string in several languages, keyed by language code ("en", "cy").</summary>
[JsonConverter(typeof(LocalizedTextConverter))]
public sealed class LocalizedText
{
    public const string English = Evaluation.Localisation.Languages.English;

    private readonly Dictionary<string, string> _byLanguage;

    public LocalizedText(IReadOnlyDictionary<string, string> byLanguage) =>
        _byLanguage = new Dictionary<string, string>(byLanguage, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> ByLanguage => _byLanguage;

    public bool Has(string language) =>
        _byLanguage.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text);

    /// <summary>The text in <paramref name="language"/>, falling back to English.</summary>
    public string In(string language) =>
        Has(language) ? _byLanguage[language] : _byLanguage.GetValueOrDefault(English, "");

    public override string ToString() => In(English);
}

internal sealed class LocalizedTextConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A text must be an object keyed by language code, e.g. {\"en\": \"…\", \"cy\": \"…\"}.");
        }
        var byLanguage = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var language = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"The text for language '{language}' must be a string.");
            }
            if (!byLanguage.TryAdd(language, reader.GetString()!))
            {
                throw new JsonException($"Language '{language}' appears twice.");
            }
        }
        return new LocalizedText(byLanguage);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (language, text) in value.ByLanguage.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(language, text);
        }
        writer.WriteEndObject();
    }
}
