namespace Evaluation.Scoring.Reliability;

public enum ReliabilityStatus
{
    Estimated,
    TooFewRespondents,
    TooFewItems,
    NotEstimable,

    /// <summary>Listwise, fewer than the minimum cell size answered every item: not released (Respondents is the cell's n).</summary>
    Withheld,
}

/// <summary>
/// Everything <c>psych::alpha</c> reports for one scale (see ../shared/stats.md). Values that cannot be
/// estimated are null, never NaN; <see cref="IndicativeOnly"/> is set below 30 respondents.
/// </summary>
public sealed record AlphaResult(
    ReliabilityStatus Status,
    bool IndicativeOnly,
    int Respondents,
    int Items,
    double? RawAlpha,
    double? StandardizedAlpha,
    double? G6,
    double? AverageR,
    double? MedianR,
    double? VarianceR,
    double? SignalToNoise,
    double? Ase,
    Interval? Feldt95,
    Interval? Duhachek95,
    double? ScaleMean,
    double? ScaleSd,
    IReadOnlyList<ItemReliability> ItemStatistics,
    IReadOnlyList<string> ConstantItemsLeftOut,
    IReadOnlyList<string>? ItemStatisticsWithheld = null)
{
    public const int IndicativeBelow = 30;

    /// <summary>
    /// For release: per-item statistics answered by fewer than <paramref name="minimum"/> people are taken out
    /// (their ids listed in <see cref="ItemStatisticsWithheld"/>), so no item mean or correlation rests on 1–4 people.
    /// </summary>
    public AlphaResult WithoutItemStatistics() => ItemStatistics.Count == 0
        ? this
        : this with { ItemStatistics = [], ItemStatisticsWithheld = ItemStatistics.Select(i => i.Id).ToList() };

    public AlphaResult WithoutItemsAnsweredByFewerThan(int minimum)
    {
        var withheld = ItemStatistics.Where(i => i.N < minimum).Select(i => i.Id).ToList();
        return withheld.Count == 0
            ? this
            : this with { ItemStatistics = ItemStatistics.Where(i => i.N >= minimum).ToList(), ItemStatisticsWithheld = withheld };
    }

    public static AlphaResult NotEstimated(ReliabilityStatus status, int respondents, int items) =>
        new(status, respondents < IndicativeBelow, respondents, items, null, null, null, null, null, null, null, null, null, null,
            null, null, [], []);
}

/// <summary>Per-item statistics as <c>psych::alpha</c>'s <c>item.stats</c> and <c>alpha.drop</c>.</summary>
public sealed record ItemReliability(
    string Id,
    int N,
    double? Mean,
    double? Sd,
    double? RawR,
    double? StdR,
    double? RCor,
    double? RDrop,
    double? AlphaIfDropped,
    double? StdAlphaIfDropped,
    double? G6IfDropped,
    double? AverageRIfDropped);
