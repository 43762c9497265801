namespace Evaluation.Reporting.Charts;

/// <summary>A dot-and-whisker chart of means with 95 % intervals drawn over the band zones of the scale.</summary>
public sealed record ChartSpec(
    string Title,
    string Description,
    double ScaleMin,
    double ScaleMax,
    IReadOnlyList<ChartZone> Zones,
    IReadOnlyList<ChartRow> Rows);

/// <summary>A band zone from <see cref="From"/> to <see cref="To"/> on the scale.</summary>
public sealed record ChartZone(string Id, string Title, double From, double To);

/// <summary>A row: a mean with its interval, or only a note when the figure is withheld.</summary>
public sealed record ChartRow(string Label, double? Mean, double? Lower, double? Upper, string? Note);
