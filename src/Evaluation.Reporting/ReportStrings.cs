using System.Text.Json;
using System.Text.Json.Nodes;
using Evaluation.Localisation;

namespace Evaluation.Reporting;

/// <summary>
/// The report's own words in one language, read from <c>Evaluation.Localisation/Texts/report.json</c>. Instrument text
/// (domains, bands, narratives) comes from the instrument file; these are the headings and labels around it.
/// </summary>
public sealed record ReportStrings(
    string ReportKind,
    string DashboardKind,
    string Period,
    string Instrument,
    string GeneratedOn,
    string Responses,
    string Contents,
    string AtAGlance,
    string ReliabilityHeading,
    string ReliabilityLine,
    string ReliabilityIndicative,
    string ReliabilityNegative,
    string ReliabilityUndefined,
    string GapsHeading,
    string GapHigher,
    string GapLower,
    string NoClearGap,
    string CapacityTitle,
    string CapacityAssessedBy,
    string CapacityNow,
    string CapacityBefore,
    string CapacityChange,
    string CapacityRadarDescription,
    string StatusImproving,
    string StatusStable,
    string StatusDeclining,
    string StatusInsufficient,
    string StatusColumn,
    string StatusBasis,
    string StatusNoEarlier,
    string DiagramTitle,
    string DiagramDescription,
    string Trend,
    string Wave,
    string Domain,
    string BandNow,
    string ChangeSince,
    string NoEarlierWave,
    string ChangeImproved,
    string ChangeDeclined,
    string ChangeNone,
    string ChangeUnknown,
    string Indicative,
    string ChangeHeading,
    string SamePeople,
    string PairedFrom,
    string PairsIndicative,
    string PairsFewer,
    string PairsNone,
    string CircleNotInEarlier,
    string ChangeNote,
    string Participation,
    string Invited,
    string ResponseRate,
    string FewerThan,
    string NotShown,
    string ParticipationNote,
    string OverallScore,
    string AllRespondents,
    string RespondentsByBand,
    string BandCountsWithheld,
    string WhatItMeans,
    string WhatToDo,
    string AtCircleLevel,
    string FactorsBehind,
    string ByStakeholderGroup,
    string ByCircle,
    string Factors,
    string Perspectives,
    string Group,
    string Circle,
    string Factor,
    string Mean,
    string Interval,
    string Band,
    string Count,
    string Suppressed,
    string ProtectsSmallGroup,
    string NoResponses,
    string TheoryOfChange,
    string Evidence,
    string FromOutputs,
    string Methods,
    string Scale,
    string Rules,
    string Bands,
    string Range,
    string SmallGroups,
    string Snapshot,
    string CompletionModes,
    string ChartDescription,
    string Page,
    string Of,
    string NotApplicable,
    string RuleReverse,
    string RuleFactor,
    string RuleDomain,
    string RuleBands,
    string RuleInterval,
    string InsufficientNote,
    IReadOnlyDictionary<string, string> CompletionModeNames)
{
    // Before the two instances below: static fields are set in the order written.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { RespectRequiredConstructorParameters = true };

    public static readonly ReportStrings English = From(Languages.English);

    public static readonly ReportStrings Welsh = From(Languages.Welsh);

    public static ReportStrings For(string language) => language == Languages.Welsh ? Welsh : English;

    /// <summary>
    /// Every field from <see cref="TextCatalogue.Report"/>: a text field from the key of its camelCase name, a map from
    /// the keys under its name (<c>completionModeNames.self</c>). A field without a key fails here, at start-up; a key
    /// without a field fails a test. Days are written by <see cref="Dates"/>.
    /// </summary>
    private static ReportStrings From(string language)
    {
        var catalogue = TextCatalogue.Report;
        var fields = new JsonObject();
        foreach (var parameter in typeof(ReportStrings).GetConstructors().Single().GetParameters())
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            fields[name] = parameter.ParameterType == typeof(string) ? catalogue.Get(language, name)
                : new JsonObject(catalogue.Keys.Where(k => k.StartsWith(name + ".", StringComparison.Ordinal))
                    .Select(k => KeyValuePair.Create(k[(name.Length + 1)..], (JsonNode?)catalogue.Get(language, k))));
        }
        return fields.Deserialize<ReportStrings>(Options)!;
    }
}
