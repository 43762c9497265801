using Evaluation.Reporting.Charts;
using Evaluation.Scoring;

namespace Evaluation.Reporting;

/// <summary>Everything a report shows, already worded in its language. Built by <see cref="ReportBuilder"/>; layout only renders it.</summary>
public sealed record ReportModel(
    string Language,
    ReportStrings Strings,
    TitlePage TitlePage,
    IReadOnlyList<DomainSection> Domains,
    TheoryOfChangeSection? TheoryOfChange,
    MethodsSection Methods,
    SummarySection? Summary = null,
    ParticipationSection? Participation = null,
    CapacitySection? Capacity = null);

/// <summary>Co-production capacity: per partner, the latest assessment against the one before, as a radar and a table.</summary>
public sealed record CapacitySection(string Title, string Description, IReadOnlyList<PartnerCapacity> Partners);

public sealed record PartnerCapacity(string Partner, string AssessedBy, RadarSpec Radar, IReadOnlyList<CapacityRow> Rows, string? PreviousOn);

public sealed record CapacityRow(string Capacity, string Now, string? Before, string? Change);

/// <summary>Each domain's band this wave and, in plain words, its change since the previous wave: everyone's and, where a panel
/// links the waves, the same people's (<paramref name="SamePeopleHeading"/> null when it does not).</summary>
public sealed record SummarySection(string? ChangeHeading, string? NoEarlierWave, IReadOnlyList<SummaryRow> Rows, string? SamePeopleHeading = null);

public sealed record SummaryRow(string DomainId, string Domain, string Band, string? BandId, string? Change, string? SamePeopleChange = null);

/// <summary>A domain's change since the previous wave, line by line (everyone's; a circle's; the same people's), in plain words.</summary>
/// <param name="Note">How everyone's change and the same people's differ; null when the waves are not linked by a panel.</param>
public sealed record ChangeSection(string Heading, IReadOnlyList<LabelledText> Lines, string? Note);

/// <summary>A line of a report that reads "label: text".</summary>
public sealed record LabelledText(string Label, string Text);

/// <summary>Responses by stakeholder group and by circle, small counts hidden, with response rates where invitations were issued.</summary>
public sealed record ParticipationSection(string Note, IReadOnlyList<ParticipationRow> ByGroup, IReadOnlyList<ParticipationRow> ByCircle);

public sealed record ParticipationRow(string Label, string Invited, string Responses, string Rate);

public sealed record TitlePage(
    string OrganisationName,
    string SurveyTitle,
    string Period,
    string InstrumentTitle,
    string InstrumentVersion,
    string GeneratedOn,
    string Responses,
    string? TranslationNote);

/// <summary>One released or withheld figure, with its display texts (numbers rounded once, here, for every layout).</summary>
/// <param name="StatusId">Where the figure is evidence of an outcome: improving, stable, declining or insufficient since the earlier wave.</param>
public sealed record Figure(string Label, ScoreCell Score, string? BandTitle, string Display, string? Mean = null, string? Interval = null,
    string? Status = null, string? StatusId = null);

public sealed record DomainSection(
    string Id,
    string Title,
    string Summary,
    Figure Overall,
    string? BandDistribution,
    string? Meaning,
    string? Action,
    ChartSpec Chart,
    IReadOnlyList<Figure> ByStakeholderGroup,
    IReadOnlyList<Figure> ByCircle,
    IReadOnlyList<Figure> Factors,
    IReadOnlyList<PerspectiveNote> Perspectives,
    IReadOnlyList<CircleNote> CircleNotes,
    ChartSpec? Trend = null,
    IReadOnlyList<Figure>? TrendFigures = null,
    string? Reliability = null,
    IReadOnlyList<string>? ClearGaps = null,
    ChangeSection? Change = null);

/// <summary>How a stakeholder group's own band reads from its perspective, where the instrument words it differently.</summary>
public sealed record PerspectiveNote(string Group, string BandTitle, string Meaning, string Action);

/// <summary>What a circle's band means at circle level.</summary>
public sealed record CircleNote(string Circle, string BandTitle, string Text);

/// <param name="StatusBasis">What the outcomes' statuses rest on, in words.</param>
public sealed record TheoryOfChangeSection(string Title, string Description, IReadOnlyList<OutcomeEvidence> Outcomes, DiagramSpec? Diagram = null,
    string? StatusBasis = null);

/// <param name="StatusId">improving, stable, declining or insufficient; <paramref name="Status"/> says it in the report's language.</param>
public sealed record OutcomeEvidence(string Title, string Domain, IReadOnlyList<string> Outputs, IReadOnlyList<Figure> Evidence, string? Status = null,
    string? StatusId = null);

public sealed record MethodsSection(
    string Scale,
    IReadOnlyList<string> Rules,
    IReadOnlyList<BandRange> Bands,
    int MinimumCellSize,
    string Responses,
    IReadOnlyList<Figure> CompletionModes,
    string? Snapshot = null);

public sealed record BandRange(string Id, string Title, string Range);

/// <summary>A circle lead's view of one closed wave: their circle beside everyone, domain by domain; no free text.</summary>
public sealed record DashboardModel(
    string Language,
    ReportStrings Strings,
    string CircleName,
    TitlePage TitlePage,
    IReadOnlyList<DashboardDomain> Domains);

/// <param name="Meaning">What the circle's band means, and <paramref name="Action"/> what to do; <paramref name="CircleLevel"/>
/// what circles in that band typically work on. All null when the circle's figure is withheld.</param>
/// <param name="Factors">Each factor of the domain: the circle's figure, then everyone's.</param>
/// <param name="Reliability">Cronbach's alpha of the circle's answers and of everyone's, each with what not to misread.</param>
/// <param name="Change">The circle's, everyone's and the same people's change since the wave before; null for a first wave.</param>
public sealed record DashboardDomain(
    string Id,
    string Title,
    string Summary,
    Figure Circle,
    Figure Everyone,
    string? Meaning,
    string? Action,
    string? CircleLevel,
    ChartSpec Chart,
    IReadOnlyList<Figure> Factors,
    ChartSpec FactorChart,
    IReadOnlyList<LabelledText> Reliability,
    ChangeSection? Change);
