using System.Text.Json.Serialization;

namespace Evaluation.Instruments;

/// <summary>A co-op's theory of change: dimensions → outputs → outcomes → evidence in a survey instrument.</summary>
public sealed record TheoryOfChange(
    [property: JsonPropertyName("$schema")] string? Schema,
    string Kind,
    string Id,
    string Version,
    LocalizedText Title,
    LocalizedText Description,
    IReadOnlyList<string> Languages,
    IReadOnlyDictionary<string, TranslationStatus> Translations,
    InstrumentReference Instrument,
    IReadOnlyList<ChangeDimension> Dimensions,
    IReadOnlyList<Outcome> Outcomes)
{
    public const string KindName = "theory-of-change";

    public IEnumerable<Output> Outputs => Dimensions.SelectMany(d => d.Outputs);
}

public sealed record InstrumentReference(string Id, string Version);

public sealed record ChangeDimension(string Id, LocalizedText Title, LocalizedText Description, IReadOnlyList<Output> Outputs);

public sealed record Output(string Id, LocalizedText Title, IReadOnlyList<string> Outcomes);

public sealed record Outcome(string Id, string Domain, LocalizedText Title, IReadOnlyList<Evidence> Evidence);

/// <summary>Exactly one of <see cref="Domain"/> or <see cref="Factor"/> is set.</summary>
public sealed record Evidence(string? Domain = null, string? Factor = null);
