using System.Text.Json.Serialization;

namespace Evaluation.Instruments;

/// <summary>The co-production capacity assessment: capacities rated on readiness levels.</summary>
public sealed record CapacityAssessment(
    [property: JsonPropertyName("$schema")] string? Schema,
    string Kind,
    string Id,
    string Version,
    LocalizedText Title,
    LocalizedText Description,
    IReadOnlyList<string> Languages,
    IReadOnlyDictionary<string, TranslationStatus> Translations,
    IReadOnlyList<ReadinessLevel> Levels,
    IReadOnlyList<Capacity> Capacities)
{
    public const string KindName = "capacity-assessment";
}

public sealed record ReadinessLevel(int Value, string Id, LocalizedText Title);

public sealed record Capacity(string Id, LocalizedText Title, LocalizedText Question, IReadOnlyList<LevelDescriptor> Descriptors);

public sealed record LevelDescriptor(int Level, LocalizedText Text);
