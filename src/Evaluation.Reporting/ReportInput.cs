using Evaluation.Instruments;
using Evaluation.Scoring;

namespace Evaluation.Reporting;

/// <summary>What a report is built from: the survey's facts, its released scores, the instrument and theory of change.</summary>
public sealed record ReportInput(
    SurveyInstrument Instrument,
    TheoryOfChange? TheoryOfChange,
    SurveyScores Scores,
    string OrganisationName,
    string SurveyTitle,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    IReadOnlyDictionary<string, string> CircleNames,
    DateOnly GeneratedOn,
    string Language,
    DataSnapshot? Snapshot = null,
    EarlierWave? Earlier = null,
    IReadOnlyList<InvitationsIssued>? Invitations = null,
    IReadOnlyList<TrendWave>? Trend = null,
    CapacityInput? Capacity = null);

/// <summary>The capacity assessment instrument and, per partner, its assessments up to the report's period (oldest first).</summary>
public sealed record CapacityInput(CapacityAssessment Instrument, IReadOnlyList<PartnerAssessments> Partners);

public sealed record PartnerAssessments(string Partner, string CircleName, IReadOnlyList<(DateOnly AssessedOn, IReadOnlyDictionary<string, int> Ratings)> Assessments);

/// <summary>An earlier wave of the same instrument version, for the trend: its title and each domain's overall figure.</summary>
public sealed record TrendWave(string Title, IReadOnlyDictionary<string, ScoreCell> DomainOverall);

/// <summary>The previous wave of the same instrument version, and the change in each domain since it.</summary>
/// <param name="Scores">Its released scores (a circle's change on its dashboard is made of them); null when not given.</param>
/// <param name="PanelChanges">The change of the people who answered both waves; null when the waves are not linked by a panel.</param>
public sealed record EarlierWave(string Title, IReadOnlyList<DomainChange> Changes, SurveyScores? Scores = null,
    IReadOnlyList<DomainPanelChange>? PanelChanges = null);

/// <summary>Personal invitations issued to one circle and stakeholder group: the service's own figure, not respondents'.</summary>
public sealed record InvitationsIssued(string CircleId, string Group, int Issued);

/// <summary>What the figures were computed from: how many responses, and the SHA-256 of them as stored.</summary>
public sealed record DataSnapshot(int Responses, string Sha256);
