using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Evaluation.Instruments;

/// <summary>A social-climate survey instrument: scale, domains → factors → items, scoring rules, bands.</summary>
public sealed record SurveyInstrument(
    [property: JsonPropertyName("$schema")] string? Schema,
    string Kind,
    string Id,
    string Version,
    LocalizedText Title,
    LocalizedText Description,
    IReadOnlyList<string> Languages,
    IReadOnlyDictionary<string, TranslationStatus> Translations,
    IReadOnlyList<StakeholderGroup> StakeholderGroups,
    ResponseScale Scale,
    ScoringRules Scoring,
    IReadOnlyList<Band> Bands,
    IReadOnlyList<Domain> Domains,
    IReadOnlyList<LicensedBlock>? LicensedBlocks = null)
{
    public const string KindName = "survey";

    public IEnumerable<Item> Items => Domains.SelectMany(d => d.Factors).SelectMany(f => f.Items);

    /// <summary>Items by id, built on first use: an instrument never changes once loaded, and every answer of every submission is looked up.</summary>
    private static readonly ConditionalWeakTable<SurveyInstrument, Dictionary<string, Item>> ItemsById = new();

    /// <summary>The item with this id (the first, should an invalid instrument have two).</summary>
    public Item? FindItem(string itemId) => ItemsById.GetValue(this, IndexItems).GetValueOrDefault(itemId);

    private static Dictionary<string, Item> IndexItems(SurveyInstrument instrument)
    {
        var byId = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var item in instrument.Items)
        {
            byId.TryAdd(item.Id, item);
        }
        return byId;
    }

    public Domain? FindDomain(string domainId) => Domains.FirstOrDefault(d => d.Id == domainId);

    public Factor? FindFactor(string factorId) =>
        Domains.SelectMany(d => d.Factors).FirstOrDefault(f => f.Id == factorId);

    public bool HasGroup(string groupId) => StakeholderGroups.Any(g => g.Id == groupId);
}

public sealed record TranslationStatus(string Status, string? Note = null);

public sealed record StakeholderGroup(string Id, LocalizedText Title, LocalizedText Description);

public sealed record ResponseScale(int Min, int Max, IReadOnlyList<ScaleLabel> Labels, LocalizedText NotApplicable)
{
    public bool Contains(int value) => value >= Min && value <= Max;

    /// <summary>Reverse keying: <c>min + max − x</c>.</summary>
    public int Reverse(int value) => Min + Max - value;
}

public sealed record ScaleLabel(int Value, LocalizedText Text);

/// <summary>Minimum-answered rules, as exact fractions so that "two thirds" is exact.</summary>
public sealed record ScoringRules(MinimumShare FactorMinimumAnswered, MinimumShare DomainMinimumValidFactors);

/// <summary>At least <see cref="Numerator"/>/<see cref="Denominator"/> of the total, and at least <see cref="AtLeast"/>.</summary>
public sealed record MinimumShare(int Numerator, int Denominator, int AtLeast)
{
    public bool IsMet(int count, int total) =>
        total > 0 && count >= AtLeast && (long)count * Denominator >= (long)Numerator * total;

    public override string ToString() => $"at least {Numerator}/{Denominator} (and at least {AtLeast})";
}

public sealed record Band(string Id, LocalizedText Title, BandLimit? From, BandLimit? To)
{
    /// <summary>Whether the band holds <paramref name="value"/>; decimal, so that a limit such as 3.3 is exact.</summary>
    public bool Contains(decimal value) =>
        (From is null || value > (decimal)From.Value || (From.Inclusive && value == (decimal)From.Value)) &&
        (To is null || value < (decimal)To.Value || (To.Inclusive && value == (decimal)To.Value));
}

public sealed record BandLimit(double Value, bool Inclusive);

/// <param name="MeaningfulChange">Smallest change between waves that matters, on the scale; null means half the baseline SD.</param>
public sealed record Domain(
    string Id,
    LocalizedText Title,
    LocalizedText Summary,
    IReadOnlyDictionary<string, BandNarrative> Narratives,
    IReadOnlyList<Factor> Factors,
    double? MeaningfulChange = null);

public sealed record BandNarrative(
    LocalizedText Meaning,
    LocalizedText Action,
    LocalizedText? CircleLevel = null,
    IReadOnlyDictionary<string, PerspectiveNarrative>? Perspectives = null);

public sealed record PerspectiveNarrative(LocalizedText Meaning, LocalizedText Action);

public sealed record Factor(string Id, LocalizedText Title, IReadOnlyList<Item> Items);

public sealed record Item(
    string Id,
    LocalizedText Text,
    IReadOnlyDictionary<string, LocalizedText>? Variants = null,
    bool Reverse = false,
    IReadOnlyList<string>? Groups = null)
{
    public bool IsShownTo(string groupId) => Groups is null || Groups.Contains(groupId);
}

/// <summary>An optional licensed block (e.g. SWEMWBS). No third-party item text is ever shipped.</summary>
public sealed record LicensedBlock(
    string Id,
    LocalizedText Title,
    bool EnabledByDefault,
    int ItemCount,
    BlockScale Scale,
    Licence Licence);

public sealed record BlockScale(int Min, int Max);

public sealed record Licence(string Holder, string Url, LocalizedText Terms);
