using Evaluation.Scoring.Change;
using Evaluation.Scoring.Disclosure;
using Evaluation.Scoring.Reliability;

namespace Evaluation.Scoring;

public enum CellStatus
{
    Released,
    Suppressed,
    NoResponses,
}

/// <summary>
/// A figure that may leave the scoring engine. When <see cref="Status"/> is not <see cref="CellStatus.Released"/>
/// every number is null: a suppressed cell says only that it is suppressed, and why (<see cref="SuppressedBecause"/>).
/// <see cref="BandCounts"/> is null in a released cell when some band holds fewer people than the minimum cell size.
/// </summary>
public sealed record ScoreCell(
    CellStatus Status,
    int? N,
    double? Mean,
    double? StandardDeviation,
    double? StandardError,
    Interval? Ci95,
    string? BandId,
    IReadOnlyList<BandCount>? BandCounts,
    SuppressionReason? SuppressedBecause = null)
{
    public static ScoreCell Suppressed(SuppressionReason reason) => new(CellStatus.Suppressed, null, null, null, null, null, null, null, reason);

    public static readonly ScoreCell NoResponses = new(CellStatus.NoResponses, 0, null, null, null, null, null, null);
}

public sealed record BandCount(string BandId, int Count, double Share);

/// <summary>A cell of a breakdown; reliability only when the cell is released.</summary>
public sealed record BreakdownCell(string Key, ScoreCell Score, AlphaResult? Reliability = null);

/// <summary>A factor overall, and per circle (without reliability: a factor's few items per circle say little about it).</summary>
public sealed record FactorResult(string FactorId, ScoreCell Overall, AlphaResult? Reliability, IReadOnlyList<BreakdownCell> ByCircle);

public sealed record DomainResult(
    string DomainId,
    ScoreCell Overall,
    AlphaResult? Reliability,
    IReadOnlyList<BreakdownCell> ByCircle,
    IReadOnlyList<BreakdownCell> ByStakeholderGroup,
    IReadOnlyList<GroupGap> PerspectiveGaps,
    IReadOnlyList<FactorResult> Factors);

/// <summary>A count, released only as the wave's disclosure decision allows.</summary>
public sealed record CountCell(string Key, CellStatus Status, int? Count, SuppressionReason? SuppressedBecause = null);

/// <summary>Who took part: responses per circle and per stakeholder group, and the personal invitations answered in each.</summary>
public sealed record Participation(
    IReadOnlyList<CountCell> ResponsesByCircle,
    IReadOnlyList<CountCell> ResponsesByStakeholderGroup,
    IReadOnlyList<CountCell> InvitationsUsedByCircle,
    IReadOnlyList<CountCell> InvitationsUsedByStakeholderGroup);

/// <param name="Participation">Null in scores kept before participation was part of the decision.</param>
public sealed record SurveyScores(
    CellStatus ResponsesStatus,
    int? Responses,
    int MinimumCellSize,
    IReadOnlyList<DomainResult> Domains,
    IReadOnlyList<CountCell> ByCompletionMode,
    Participation? Participation = null,
    SuppressionReason? ResponsesSuppressedBecause = null);

/// <summary>Individual change in one domain of the people who answered both waves with a panel code; only with enough pairs.</summary>
public sealed record DomainPanelChange(string DomainId, CellStatus Status, PairedChange? Change, SuppressionReason? SuppressedBecause = null);

/// <summary>Change in one domain, and in each of its factors, since a baseline wave; only when both waves' figures are released.</summary>
public sealed record DomainChange(string DomainId, CellStatus Status, WaveChange? Change, IReadOnlyList<FactorChange> Factors);

/// <summary>Change in one factor since a baseline wave; only when both waves' figures are released.</summary>
public sealed record FactorChange(string FactorId, CellStatus Status, WaveChange? Change);
