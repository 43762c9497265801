using System.Globalization;

namespace Evaluation.Instruments;

/// <summary>Checks a survey instrument's internal consistency; reports every problem with its JSON path.</summary>
internal static class SurveyInstrumentValidator
{
    public static void Validate(SurveyInstrument instrument, ProblemList problems)
    {
        var languages = instrument.Languages;
        CommonRules.Header(instrument.Kind, SurveyInstrument.KindName, instrument.Id, instrument.Version, languages, instrument.Translations, problems);
        problems.RequireText(instrument.Title, "$.title", languages);
        problems.RequireText(instrument.Description, "$.description", languages);

        problems.RequireUniqueIds(instrument.StakeholderGroups, g => g.Id, "$.stakeholderGroups");
        for (var i = 0; i < instrument.StakeholderGroups.Count; i++)
        {
            problems.RequireText(instrument.StakeholderGroups[i].Title, $"$.stakeholderGroups[{i}].title", languages);
            problems.RequireText(instrument.StakeholderGroups[i].Description, $"$.stakeholderGroups[{i}].description", languages);
        }
        if (instrument.StakeholderGroups.Count == 0)
        {
            problems.Add("$.stakeholderGroups", "at least one stakeholder group is required");
        }

        Scale(instrument.Scale, languages, problems);
        Share(instrument.Scoring.FactorMinimumAnswered, "$.scoring.factorMinimumAnswered", problems);
        Share(instrument.Scoring.DomainMinimumValidFactors, "$.scoring.domainMinimumValidFactors", problems);
        Bands(instrument, problems);
        Domains(instrument, problems);
        LicensedBlocks(instrument, problems);
    }

    /// <summary>Answer scales are short agreement or frequency scales; anything wider is a typing mistake.</summary>
    public const int MaxScalePoints = 11;

    private static void Scale(ResponseScale scale, IReadOnlyList<string> languages, ProblemList problems)
    {
        if (scale.Min >= scale.Max)
        {
            problems.Add("$.scale", $"min ({scale.Min}) must be below max ({scale.Max})");
            return;
        }
        if ((long)scale.Max - scale.Min + 1 > MaxScalePoints || scale.Min < -100 || scale.Max > 100)
        {
            problems.Add("$.scale", $"a scale has 2 to {MaxScalePoints} points between −100 and 100; {scale.Min}–{scale.Max} is not one");
            return;
        }
        var seen = new HashSet<int>();
        for (var i = 0; i < scale.Labels.Count; i++)
        {
            var label = scale.Labels[i];
            if (!scale.Contains(label.Value))
            {
                problems.Add($"$.scale.labels[{i}].value", $"{label.Value} is outside the scale {scale.Min}–{scale.Max}");
            }
            else if (!seen.Add(label.Value))
            {
                problems.Add($"$.scale.labels[{i}].value", $"value {label.Value} is labelled twice");
            }
            problems.RequireText(label.Text, $"$.scale.labels[{i}].text", languages);
        }
        for (var value = scale.Min; value <= scale.Max; value++)
        {
            if (!seen.Contains(value) && scale.Labels.All(l => l.Value != value))
            {
                problems.Add("$.scale.labels", $"value {value} has no label");
            }
        }
        problems.RequireText(scale.NotApplicable, "$.scale.notApplicable", languages);
    }

    private static void Share(MinimumShare share, string path, ProblemList problems)
    {
        if (share.Denominator <= 0 || share.Numerator < 0 || share.Numerator > share.Denominator)
        {
            problems.Add(path, $"{share.Numerator}/{share.Denominator} must be a fraction between 0 and 1");
        }
        if (share.AtLeast < 1)
        {
            problems.Add($"{path}.atLeast", "must be at least 1");
        }
    }

    /// <summary>Bands must cover the whole scale exactly once: no gaps, no overlaps.</summary>
    private static void Bands(SurveyInstrument instrument, ProblemList problems)
    {
        var bands = instrument.Bands;
        problems.RequireUniqueIds(bands, b => b.Id, "$.bands");
        if (bands.Count == 0)
        {
            problems.Add("$.bands", "at least one band is required");
            return;
        }
        for (var i = 0; i < bands.Count; i++)
        {
            problems.RequireText(bands[i].Title, $"$.bands[{i}].title", instrument.Languages);
            if (bands[i].From is { } from && bands[i].To is { } to &&
                (from.Value > to.Value || (from.Value == to.Value && !(from.Inclusive && to.Inclusive))))
            {
                problems.Add($"$.bands[{i}]", $"'from' {Format(from.Value)} is not below 'to' {Format(to.Value)}: the band is empty");
            }
        }

        var scale = instrument.Scale;
        for (var i = 0; i < bands.Count; i++)
        {
            foreach (var (limit, name) in new[] { (bands[i].From, "from"), (bands[i].To, "to") })
            {
                if (limit is not null && (limit.Value < scale.Min || limit.Value > scale.Max))
                {
                    problems.Add($"$.bands[{i}].{name}.value", $"{Format(limit.Value)} is outside the scale {scale.Min}–{scale.Max}");
                }
            }
            if ((bands[i].From is { Inclusive: false } from && from.Value == scale.Max) || (bands[i].To is { Inclusive: false } to && to.Value == scale.Min))
            {
                problems.Add($"$.bands[{i}]", "the band holds no score on the scale");
            }
        }
        var first = bands[0];
        if (first.From is { } start && (start.Value > scale.Min || (start.Value == scale.Min && !start.Inclusive)))
        {
            problems.Add("$.bands[0].from", $"gap: scores from {scale.Min} up to {Format(start.Value)} fall in no band");
        }
        for (var i = 0; i + 1 < bands.Count; i++)
        {
            var upper = bands[i].To;
            var lower = bands[i + 1].From;
            if (upper is null || lower is null)
            {
                problems.Add(upper is null ? $"$.bands[{i}].to" : $"$.bands[{i + 1}].from",
                    "overlap: only the first band may be open below and only the last open above (list bands from low to high)");
                continue;
            }
            if (upper.Value < lower.Value || (upper.Value == lower.Value && !upper.Inclusive && !lower.Inclusive))
            {
                problems.Add($"$.bands[{i + 1}].from", $"gap: scores between {Format(upper.Value)} and {Format(lower.Value)} fall in no band");
            }
            else if (upper.Value > lower.Value || (upper.Inclusive && lower.Inclusive))
            {
                problems.Add($"$.bands[{i + 1}].from", $"overlap: a score of {Format(lower.Value)} would fall in both '{bands[i].Id}' and '{bands[i + 1].Id}'");
            }
        }
        var last = bands[^1];
        if (last.To is { } end && (end.Value < scale.Max || (end.Value == scale.Max && !end.Inclusive)))
        {
            problems.Add($"$.bands[{bands.Count - 1}].to", $"gap: scores from {Format(end.Value)} up to {scale.Max} fall in no band");
        }
    }

    private static void Domains(SurveyInstrument instrument, ProblemList problems)
    {
        var languages = instrument.Languages;
        var groupIds = instrument.StakeholderGroups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var bandIds = instrument.Bands.Select(b => b.Id).ToList();
        var factorIds = new HashSet<string>(StringComparer.Ordinal);
        var itemIds = new HashSet<string>(StringComparer.Ordinal);

        problems.RequireUniqueIds(instrument.Domains, d => d.Id, "$.domains");
        if (instrument.Domains.Count == 0)
        {
            problems.Add("$.domains", "at least one domain is required");
        }
        for (var d = 0; d < instrument.Domains.Count; d++)
        {
            var domain = instrument.Domains[d];
            var path = $"$.domains[{d}]";
            problems.RequireText(domain.Title, $"{path}.title", languages);
            problems.RequireText(domain.Summary, $"{path}.summary", languages);
            if (domain.MeaningfulChange is { } threshold && (threshold <= 0 || threshold >= instrument.Scale.Max - instrument.Scale.Min))
            {
                problems.Add($"{path}.meaningfulChange", $"must be above 0 and below the width of the scale ({instrument.Scale.Max - instrument.Scale.Min})");
            }
            Narratives(domain, path, bandIds, groupIds, languages, problems);

            if (domain.Factors.Count == 0)
            {
                problems.Add($"{path}.factors", "a domain needs at least one factor");
            }
            problems.RequireUniqueIds(domain.Factors, f => f.Id, $"{path}.factors", factorIds);
            for (var f = 0; f < domain.Factors.Count; f++)
            {
                var factor = domain.Factors[f];
                var factorPath = $"{path}.factors[{f}]";
                problems.RequireText(factor.Title, $"{factorPath}.title", languages);
                if (factor.Items.Count == 0)
                {
                    problems.Add($"{factorPath}.items", "a factor needs at least one item");
                }
                problems.RequireUniqueIds(factor.Items, item => item.Id, $"{factorPath}.items", itemIds);
                for (var i = 0; i < factor.Items.Count; i++)
                {
                    Item(factor.Items[i], $"{factorPath}.items[{i}]", groupIds, languages, problems);
                }
            }
        }
    }

    private static void Narratives(Domain domain, string path, IReadOnlyList<string> bandIds,
        HashSet<string> groupIds, IReadOnlyList<string> languages, ProblemList problems)
    {
        foreach (var bandId in bandIds.Where(id => !domain.Narratives.ContainsKey(id)))
        {
            problems.Add($"{path}.narratives", $"no narrative for band '{bandId}'");
        }
        foreach (var (bandId, narrative) in domain.Narratives)
        {
            var narrativePath = $"{path}.narratives.{bandId}";
            if (!bandIds.Contains(bandId))
            {
                problems.Add(narrativePath, $"unknown band '{bandId}'");
            }
            problems.RequireText(narrative.Meaning, $"{narrativePath}.meaning", languages);
            problems.RequireText(narrative.Action, $"{narrativePath}.action", languages);
            if (narrative.CircleLevel is not null)
            {
                problems.RequireText(narrative.CircleLevel, $"{narrativePath}.circleLevel", languages);
            }
            foreach (var (groupId, perspective) in narrative.Perspectives ?? new Dictionary<string, PerspectiveNarrative>())
            {
                var perspectivePath = $"{narrativePath}.perspectives.{groupId}";
                if (!groupIds.Contains(groupId))
                {
                    problems.Add(perspectivePath, $"unknown stakeholder group '{groupId}'");
                }
                problems.RequireText(perspective.Meaning, $"{perspectivePath}.meaning", languages);
                problems.RequireText(perspective.Action, $"{perspectivePath}.action", languages);
            }
        }
    }

    private static void Item(Item item, string path, HashSet<string> groupIds, IReadOnlyList<string> languages, ProblemList problems)
    {
        problems.RequireText(item.Text, $"{path}.text", languages);
        foreach (var (groupId, text) in item.Variants ?? new Dictionary<string, LocalizedText>())
        {
            if (!groupIds.Contains(groupId))
            {
                problems.Add($"{path}.variants.{groupId}", $"unknown stakeholder group '{groupId}'");
            }
            problems.RequireText(text, $"{path}.variants.{groupId}", languages);
        }
        if (item.Groups is { } groups)
        {
            if (groups.Count == 0)
            {
                problems.Add($"{path}.groups", "an item must be shown to at least one group (omit 'groups' to show it to all)");
            }
            for (var g = 0; g < groups.Count; g++)
            {
                if (!groupIds.Contains(groups[g]))
                {
                    problems.Add($"{path}.groups[{g}]", $"unknown stakeholder group '{groups[g]}'");
                }
                else if (groups.Take(g).Contains(groups[g]))
                {
                    problems.Add($"{path}.groups[{g}]", $"'{groups[g]}' is listed twice");
                }
            }
            foreach (var groupId in (item.Variants?.Keys ?? []).Where(id => groupIds.Contains(id) && !groups.Contains(id)))
            {
                problems.Add($"{path}.variants.{groupId}", $"a variant for '{groupId}', but the item is not shown to that group");
            }
        }
    }

    private static void LicensedBlocks(SurveyInstrument instrument, ProblemList problems)
    {
        var blocks = instrument.LicensedBlocks ?? [];
        problems.RequireUniqueIds(blocks, b => b.Id, "$.licensedBlocks");
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            var path = $"$.licensedBlocks[{i}]";
            problems.RequireText(block.Title, $"{path}.title", instrument.Languages);
            problems.RequireText(block.Licence.Terms, $"{path}.licence.terms", instrument.Languages);
            if (block.EnabledByDefault)
            {
                problems.Add($"{path}.enabledByDefault", "licensed blocks must be off by default: only an organisation that has registered may enable one");
            }
            if (block.ItemCount < 1)
            {
                problems.Add($"{path}.itemCount", "must be at least 1");
            }
            if (block.Scale.Min >= block.Scale.Max)
            {
                problems.Add($"{path}.scale", $"min ({block.Scale.Min}) must be below max ({block.Scale.Max})");
            }
        }
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
