namespace Evaluation.Scoring.Change;

/// <summary>
/// The perspective gap: how far one stakeholder group's mean is from another's (e.g. care workers minus people
/// drawing on care), with Welch's 95 % interval. Computed only between two released groups.
/// </summary>
public sealed record GroupGap(string Group, string ComparedWith, double Difference, TTest? Welch, double? HedgesG)
{
    /// <summary>Gap = mean(<paramref name="group"/>) − mean(<paramref name="comparedWith"/>); null when either has fewer than 2.</summary>
    public static GroupGap? Compare(string group, IReadOnlyList<double> groupScores, string comparedWith, IReadOnlyList<double> comparedScores)
    {
        if (groupScores.Count < 2 || comparedScores.Count < 2)
        {
            return null;
        }
        var samples = new TwoSamples(comparedScores, groupScores);
        return new GroupGap(group, comparedWith, samples.Difference, samples.Welch(), samples.HedgesG);
    }
}
