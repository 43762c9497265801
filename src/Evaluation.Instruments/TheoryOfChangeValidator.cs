namespace Evaluation.Instruments;

/// <summary>Checks a theory of change, including that its evidence points at ids in the survey instrument it names.</summary>
internal static class TheoryOfChangeValidator
{
    public static void Validate(TheoryOfChange theory, Func<string, string, SurveyInstrument?> findSurvey, ProblemList problems)
    {
        var languages = theory.Languages;
        CommonRules.Header(theory.Kind, TheoryOfChange.KindName, theory.Id, theory.Version, languages, theory.Translations, problems);
        problems.RequireText(theory.Title, "$.title", languages);
        problems.RequireText(theory.Description, "$.description", languages);

        var instrument = findSurvey(theory.Instrument.Id, theory.Instrument.Version);
        if (instrument is null)
        {
            problems.Add("$.instrument", $"no valid survey instrument '{theory.Instrument.Id}' version '{theory.Instrument.Version}'");
        }

        var outcomeIds = theory.Outcomes.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var linkedOutcomes = new HashSet<string>(StringComparer.Ordinal);
        var outputIds = new HashSet<string>(StringComparer.Ordinal);
        problems.RequireUniqueIds(theory.Dimensions, d => d.Id, "$.dimensions");
        if (theory.Dimensions.Count == 0)
        {
            problems.Add("$.dimensions", "at least one dimension is required");
        }
        if (theory.Outcomes.Count == 0)
        {
            problems.Add("$.outcomes", "at least one outcome is required");
        }
        for (var d = 0; d < theory.Dimensions.Count; d++)
        {
            var dimension = theory.Dimensions[d];
            var path = $"$.dimensions[{d}]";
            problems.RequireText(dimension.Title, $"{path}.title", languages);
            problems.RequireText(dimension.Description, $"{path}.description", languages);
            problems.RequireUniqueIds(dimension.Outputs, o => o.Id, $"{path}.outputs", outputIds);
            for (var o = 0; o < dimension.Outputs.Count; o++)
            {
                var output = dimension.Outputs[o];
                problems.RequireText(output.Title, $"{path}.outputs[{o}].title", languages);
                if (output.Outcomes.Count == 0)
                {
                    problems.Add($"{path}.outputs[{o}].outcomes", "an output must lead to at least one outcome");
                }
                for (var k = 0; k < output.Outcomes.Count; k++)
                {
                    linkedOutcomes.Add(output.Outcomes[k]);
                    if (!outcomeIds.Contains(output.Outcomes[k]))
                    {
                        problems.Add($"{path}.outputs[{o}].outcomes[{k}]", $"unknown outcome '{output.Outcomes[k]}'");
                    }
                    else if (output.Outcomes.Take(k).Contains(output.Outcomes[k]))
                    {
                        problems.Add($"{path}.outputs[{o}].outcomes[{k}]", $"outcome '{output.Outcomes[k]}' is listed twice");
                    }
                }
            }
        }

        problems.RequireUniqueIds(theory.Outcomes, o => o.Id, "$.outcomes");
        for (var o = 0; o < theory.Outcomes.Count; o++)
        {
            Outcome(theory.Outcomes[o], $"$.outcomes[{o}]", instrument, languages, problems);
            if (!linkedOutcomes.Contains(theory.Outcomes[o].Id))
            {
                problems.Add($"$.outcomes[{o}]", $"outcome '{theory.Outcomes[o].Id}' is not linked from any output");
            }
        }
    }

    private static void Outcome(Outcome outcome, string path, SurveyInstrument? instrument, IReadOnlyList<string> languages, ProblemList problems)
    {
        problems.RequireText(outcome.Title, $"{path}.title", languages);
        var domain = instrument?.FindDomain(outcome.Domain);
        if (instrument is not null && domain is null)
        {
            problems.Add($"{path}.domain", $"unknown domain '{outcome.Domain}'");
        }
        if (outcome.Evidence.Count == 0)
        {
            problems.Add($"{path}.evidence", "an outcome needs at least one piece of evidence");
        }
        for (var e = 0; e < outcome.Evidence.Count; e++)
        {
            var evidence = outcome.Evidence[e];
            var evidencePath = $"{path}.evidence[{e}]";
            if ((evidence.Domain is null) == (evidence.Factor is null))
            {
                problems.Add(evidencePath, "give exactly one of 'domain' or 'factor'");
                continue;
            }
            if (instrument is null)
            {
                continue;
            }
            if (evidence.Domain is { } domainId && instrument.FindDomain(domainId) is null)
            {
                problems.Add($"{evidencePath}.domain", $"unknown domain '{domainId}' in {instrument.Id} v{instrument.Version}");
            }
            if (evidence.Factor is { } factorId)
            {
                if (instrument.FindFactor(factorId) is null)
                {
                    problems.Add($"{evidencePath}.factor", $"unknown factor '{factorId}' in {instrument.Id} v{instrument.Version}");
                }
                else if (domain is not null && domain.Factors.All(f => f.Id != factorId))
                {
                    problems.Add($"{evidencePath}.factor", $"factor '{factorId}' does not belong to the outcome's domain '{domain.Id}'");
                }
            }
        }
    }
}
