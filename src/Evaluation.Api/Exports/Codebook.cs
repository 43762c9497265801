using Evaluation.Instruments;

namespace Evaluation.Api.Exports;

/// <summary>One column of the responses file, described for an analyst.</summary>
public sealed record CodebookVariable(
    string Name,
    string Kind,
    string Label,
    string? Domain,
    string? Factor,
    bool? Reverse,
    string? ShownTo,
    string Values);

/// <summary>Every column of <c>responses.csv</c> in order: identifiers, items, factor scores, domain scores, then comments.</summary>
public static class Codebook
{
    public static IReadOnlyList<CodebookVariable> For(SurveyInstrument instrument, bool pseudonymous = false)
    {
        var scale = $"{instrument.Scale.Min}–{instrument.Scale.Max}: " +
            string.Join("; ", instrument.Scale.Labels.Select(l => $"{l.Value} = {l.Text.In(LocalizedText.English)}")) +
            $"; empty = no answer ({instrument.Scale.NotApplicable.In(LocalizedText.English)}, skipped, or not shown to the group)";
        var variables = new List<CodebookVariable>
        {
            new("response_id", "id", "Random id of the response (no link to any person or invitation)", null, null, null, null, "text"),
            new("circle_id", "id", "Circle the response belongs to", null, null, null, null, "text"),
            new("circle", "group", "Circle name", null, null, null, null, "text"),
            new("stakeholder_group", "group", "Stakeholder group of the respondent", null, null, null, null,
                string.Join("; ", instrument.StakeholderGroups.Select(g => g.Id))),
            new("completion_mode", "group", "How the answers were given", null, null, null, null, "self; assisted; proxy; interviewer; paper"),
            new("submitted_on", "date", "Day the response was stored (no time of day is kept)", null, null, null, null, "yyyy-mm-dd"),
        };
        if (pseudonymous)
        {
            variables.Add(new("panel_id", "id", "The same person's id in every pseudonymous wave of this organisation (from their panel code; not the code)",
                null, null, null, null, "text; empty = answered without a panel code"));
        }
        foreach (var domain in instrument.Domains)
        {
            foreach (var factor in domain.Factors)
            {
                variables.AddRange(factor.Items.Select(item => new CodebookVariable(item.Id, "item", item.Text.In(LocalizedText.English), domain.Id, factor.Id,
                    item.Reverse, item.Groups is null ? "all" : string.Join("; ", item.Groups), scale + (item.Reverse ? "; reverse-keyed: scored as min + max − answer" : ""))));
            }
        }
        var scoreRange = $"{instrument.Scale.Min}–{instrument.Scale.Max}, keyed; empty = insufficient data";
        foreach (var domain in instrument.Domains)
        {
            variables.AddRange(domain.Factors.Select(factor => new CodebookVariable($"factor.{factor.Id}", "factor-score",
                $"{factor.Title.In(LocalizedText.English)}: mean of answered items, valid with {instrument.Scoring.FactorMinimumAnswered} of those shown",
                domain.Id, factor.Id, null, null, scoreRange)));
        }
        variables.AddRange(instrument.Domains.Select(domain => new CodebookVariable($"domain.{domain.Id}", "domain-score",
            $"{domain.Title.In(LocalizedText.English)}: mean of valid factor scores, valid with {instrument.Scoring.DomainMinimumValidFactors} of the factors shown",
            domain.Id, null, null, null, scoreRange + "; bands: " + string.Join("; ", instrument.Bands.Select(Describe)))));
        variables.AddRange(instrument.Domains.Select(domain => new CodebookVariable($"comment.{domain.Id}", "comment",
            $"The respondent's own words on {domain.Title.In(LocalizedText.English)} (optional; may name people: never publish)",
            domain.Id, null, null, null, "text; empty = no comment")));
        return variables;
    }

    private static string Describe(Band band) =>
        $"{band.Id} {(band.From is { } from ? $"{(from.Inclusive ? "≥" : ">")} {from.Value}" : "")}{(band.From is not null && band.To is not null ? " and " : "")}{(band.To is { } to ? $"{(to.Inclusive ? "≤" : "<")} {to.Value}" : "")}";
}
