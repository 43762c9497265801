namespace Evaluation.Instruments;

/// <summary>Checks the capacity assessment: consecutive levels from 1, one descriptor per capacity and level.</summary>
internal static class CapacityAssessmentValidator
{
    public static void Validate(CapacityAssessment assessment, ProblemList problems)
    {
        var languages = assessment.Languages;
        CommonRules.Header(assessment.Kind, CapacityAssessment.KindName, assessment.Id, assessment.Version, languages, assessment.Translations, problems);
        problems.RequireText(assessment.Title, "$.title", languages);
        problems.RequireText(assessment.Description, "$.description", languages);

        problems.RequireUniqueIds(assessment.Levels, l => l.Id, "$.levels");
        if (assessment.Levels.Count < 2)
        {
            problems.Add("$.levels", "at least two readiness levels are required");
        }
        if (assessment.Capacities.Count == 0)
        {
            problems.Add("$.capacities", "at least one capacity is required");
        }
        for (var i = 0; i < assessment.Levels.Count; i++)
        {
            if (assessment.Levels[i].Value != i + 1)
            {
                problems.Add($"$.levels[{i}].value", $"levels must be numbered 1, 2, 3 … in order; expected {i + 1}");
            }
            problems.RequireText(assessment.Levels[i].Title, $"$.levels[{i}].title", languages);
        }

        problems.RequireUniqueIds(assessment.Capacities, c => c.Id, "$.capacities");
        for (var c = 0; c < assessment.Capacities.Count; c++)
        {
            var capacity = assessment.Capacities[c];
            var path = $"$.capacities[{c}]";
            problems.RequireText(capacity.Title, $"{path}.title", languages);
            problems.RequireText(capacity.Question, $"{path}.question", languages);
            for (var d = 0; d < capacity.Descriptors.Count; d++)
            {
                var level = capacity.Descriptors[d].Level;
                if (assessment.Levels.All(l => l.Value != level))
                {
                    problems.Add($"{path}.descriptors[{d}].level", $"unknown level {level}");
                }
                else if (capacity.Descriptors.Take(d).Any(other => other.Level == level))
                {
                    problems.Add($"{path}.descriptors[{d}].level", $"level {level} is described twice");
                }
                problems.RequireText(capacity.Descriptors[d].Text, $"{path}.descriptors[{d}].text", languages);
            }
            foreach (var level in assessment.Levels.Where(l => capacity.Descriptors.All(d => d.Level != l.Value)))
            {
                problems.Add($"{path}.descriptors", $"no descriptor for level {level.Value} ({level.Id})");
            }
        }
    }
}
