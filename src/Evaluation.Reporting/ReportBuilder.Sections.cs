using System.Globalization;
using Evaluation.Instruments;
using Evaluation.Reporting.Charts;
using Evaluation.Scoring;
using Evaluation.Scoring.Change;
using Evaluation.Scoring.Disclosure;

namespace Evaluation.Reporting;

/// <summary>The sections around the domains: theory of change, at a glance, who took part, co-production capacity.</summary>
public static partial class ReportBuilder
{
    private sealed partial class Context
    {
        public TheoryOfChangeSection TheoryOfChange(TheoryOfChange theory)
        {
            var domains = input.Scores.Domains.ToDictionary(d => d.DomainId);
            var factorCells = input.Scores.Domains.SelectMany(d => d.Factors).ToDictionary(f => f.FactorId, f => f.Overall);
            var outcomes = theory.Outcomes.Select(outcome =>
            {
                var statusId = StatusOf(DomainChange(outcome.Domain));
                return new OutcomeEvidence(
                    outcome.Title.In(language),
                    _instrument.FindDomain(outcome.Domain)?.Title.In(language) ?? outcome.Domain,
                    theory.Outputs.Where(o => o.Outcomes.Contains(outcome.Id)).Select(o => o.Title.In(language)).ToList(),
                    outcome.Evidence.Select(evidence => evidence.Domain is { } domainId
                        ? WithStatus(Figure(_instrument.FindDomain(domainId)!.Title.In(language), domains[domainId].Overall), DomainChange(domainId))
                        : WithStatus(Figure(_instrument.FindFactor(evidence.Factor!)!.Title.In(language), factorCells[evidence.Factor!]),
                            FactorChange(evidence.Factor!))).ToList(),
                    StatusText(statusId),
                    statusId);
            }).ToList();
            var diagram = new DiagramSpec(strings.DiagramTitle, strings.DiagramDescription,
                theory.Dimensions.Select(d => new DiagramNode(d.Id, d.Title.In(language))).ToList(),
                theory.Outcomes.Select((o, i) => new DiagramNode(o.Id, o.Title.In(language), outcomes[i].Status, outcomes[i].StatusId)).ToList(),
                theory.Dimensions.SelectMany(d => d.Outputs.SelectMany(o => o.Outcomes).GroupBy(outcome => outcome)
                    .Select(g => new DiagramLink(d.Id, g.Key, g.Count()))).ToList());
            var basis = input.Earlier is { } earlier
                ? string.Format(CultureInfo.InvariantCulture, strings.StatusBasis, earlier.Title)
                : strings.StatusNoEarlier;
            return new TheoryOfChangeSection(theory.Title.In(language), theory.Description.In(language), outcomes, diagram, basis);
        }

        private WaveChange? DomainChange(string domainId) =>
            input.Earlier?.Changes.FirstOrDefault(c => c.DomainId == domainId) is { Status: CellStatus.Released, Change: { } change } ? change : null;

        private WaveChange? FactorChange(string factorId) =>
            input.Earlier?.Changes.SelectMany(c => c.Factors).FirstOrDefault(f => f.FactorId == factorId) is { Status: CellStatus.Released, Change: { } change }
                ? change
                : null;

        /// <summary>improving, declining, stable (no clear change) or insufficient (no earlier wave, too few people, withheld).</summary>
        private static string StatusOf(WaveChange? change) => change?.Verdict switch
        {
            ChangeVerdict.Improved => "improving",
            ChangeVerdict.Declined => "declining",
            ChangeVerdict.NoClearChange => "stable",
            _ => "insufficient",
        };

        private Figure WithStatus(Figure figure, WaveChange? change)
        {
            var statusId = StatusOf(change);
            return figure with { Status = StatusText(statusId), StatusId = statusId };
        }

        private string StatusText(string statusId) => statusId switch
        {
            "improving" => strings.StatusImproving,
            "declining" => strings.StatusDeclining,
            "stable" => strings.StatusStable,
            _ => strings.StatusInsufficient,
        };

        public SummarySection Summary()
        {
            string? Change(string domainId) =>
                input.Earlier?.Changes.FirstOrDefault(c => c.DomainId == domainId) is { } change ? ChangeText(change.Status, change.Change) : null;
            string? SamePeople(string domainId) =>
                input.Earlier?.PanelChanges?.FirstOrDefault(c => c.DomainId == domainId) is { } change ? SamePeopleText(change) : null;
            var rows = input.Scores.Domains.Select(result =>
            {
                var domain = _instrument.FindDomain(result.DomainId)!;
                var band = result.Overall.BandId is { } bandId ? BandTitle(bandId)
                    : result.Overall.Status == CellStatus.NoResponses ? strings.NoResponses : Withheld(result.Overall.SuppressedBecause);
                return new SummaryRow(domain.Id, domain.Title.In(language), band, result.Overall.BandId, Change(domain.Id), SamePeople(domain.Id));
            }).ToList();
            return input.Earlier is { } earlier
                ? new SummarySection(string.Format(CultureInfo.InvariantCulture, strings.ChangeSince, earlier.Title), null, rows,
                    earlier.PanelChanges is null ? null : strings.SamePeople)
                : new SummarySection(null, strings.NoEarlierWave, rows);
        }

        /// <summary>
        /// A domain's change since the previous wave, line by line: the circle's (on its dashboard), everyone's, and the
        /// same people's where a panel links the waves. Null for a first wave.
        /// </summary>
        public ChangeSection? Change(DomainResult result, string? circleId = null)
        {
            if (input.Earlier is not { } earlier)
            {
                return null;
            }
            var domain = _instrument.FindDomain(result.DomainId)!;
            var lines = new List<LabelledText>();
            if (circleId is not null)
            {
                var before = earlier.Scores?.Domains.FirstOrDefault(d => d.DomainId == result.DomainId)?.ByCircle.FirstOrDefault(c => c.Key == circleId);
                var now = result.ByCircle.First(c => c.Key == circleId).Score;
                var status = before is null ? CellStatus.Suppressed
                    : before.Score.Status == CellStatus.Released && now.Status == CellStatus.Released ? CellStatus.Released
                    : before.Score.Status == CellStatus.NoResponses || now.Status == CellStatus.NoResponses ? CellStatus.NoResponses
                    : CellStatus.Suppressed;
                lines.Add(new LabelledText(input.CircleNames[circleId], before is null ? strings.CircleNotInEarlier
                    : ChangeText(status, status == CellStatus.Released ? WaveChange.Compare(before.Score, now, domain.MeaningfulChange) : null)));
            }
            if (earlier.Changes.FirstOrDefault(c => c.DomainId == result.DomainId) is { } everyone)
            {
                lines.Add(new LabelledText(strings.AllRespondents, ChangeText(everyone.Status, everyone.Change)));
            }
            if (earlier.PanelChanges?.FirstOrDefault(c => c.DomainId == result.DomainId) is { } panel)
            {
                lines.Add(new LabelledText(strings.SamePeople, SamePeopleText(panel)));
            }
            return new ChangeSection(string.Format(CultureInfo.InvariantCulture, strings.ChangeHeading, earlier.Title), lines,
                earlier.PanelChanges is null ? null : strings.ChangeNote);
        }

        /// <summary>A change between the waves' released figures in plain words, flagged indicative below 30 people in a wave.</summary>
        private string ChangeText(CellStatus status, WaveChange? change) =>
            status != CellStatus.Released || change is null ? strings.ChangeUnknown
            : Verdict(change.Verdict, change.Difference) + (change.IndicativeOnly && change.Verdict != ChangeVerdict.InsufficientData ? strings.Indicative : "");

        /// <summary>The change of the people who answered both waves, how many they are, and why it is hidden when it is.</summary>
        private string SamePeopleText(DomainPanelChange panel) => panel switch
        {
            { Status: CellStatus.NoResponses } => strings.PairsNone,
            { Status: CellStatus.Released, Change: { } change } =>
                Verdict(change.Verdict, change.MeanDifference)
                + (change.Verdict == ChangeVerdict.InsufficientData ? "" : string.Format(CultureInfo.InvariantCulture, strings.PairedFrom, change.Pairs))
                + (change.IndicativeOnly && change.Verdict != ChangeVerdict.InsufficientData ? strings.PairsIndicative : ""),
            { SuppressedBecause: SuppressionReason.ProtectsSmallGroup } => strings.ProtectsSmallGroup,
            _ => string.Format(CultureInfo.InvariantCulture, strings.PairsFewer, input.Scores.MinimumCellSize),
        };

        private string Verdict(ChangeVerdict verdict, double? difference) => verdict switch
        {
            ChangeVerdict.Improved => string.Format(CultureInfo.InvariantCulture, strings.ChangeImproved, difference),
            ChangeVerdict.Declined => string.Format(CultureInfo.InvariantCulture, strings.ChangeDeclined, difference),
            ChangeVerdict.NoClearChange => string.Format(CultureInfo.InvariantCulture, strings.ChangeNone, difference),
            _ => strings.ChangeUnknown,
        };

        /// <summary>
        /// Responses by group and by circle, and response rates, as the wave's disclosure decision released them: a count
        /// under the minimum cell size reads "fewer than n", one hidden to protect a smaller group says so. Invitations
        /// issued are the service's own figures, not respondents', and are always shown.
        /// </summary>
        public ParticipationSection? Participation(IReadOnlyList<InvitationsIssued> issued)
        {
            if (input.Scores.Participation is not { } released)
            {
                return null; // scores kept before participation was part of the decision
            }
            var minimum = input.Scores.MinimumCellSize;
            var fewer = string.Format(CultureInfo.InvariantCulture, strings.FewerThan, minimum);
            string Count(CountCell cell) => cell.Status switch
            {
                CellStatus.Released or CellStatus.NoResponses => (cell.Count ?? 0).ToString(CultureInfo.InvariantCulture),
                _ when cell.SuppressedBecause == SuppressionReason.ProtectsSmallGroup => strings.NotShown,
                _ => fewer,
            };
            IReadOnlyList<ParticipationRow> Rows(IReadOnlyList<CountCell> responses, IReadOnlyList<CountCell> used, Func<InvitationsIssued, string> keyOf,
                Func<string, string> label) => responses.Select(cell =>
                {
                    var invited = issued.Where(c => keyOf(c) == cell.Key).Sum(c => c.Issued);
                    var answered = used.FirstOrDefault(u => u.Key == cell.Key);
                    var rate = invited > 0 && answered is { Status: CellStatus.Released, Count: { } n }
                        ? ((double)n / invited).ToString("0%", CultureInfo.InvariantCulture)
                        : "–";
                    return new ParticipationRow(label(cell.Key), invited > 0 ? invited.ToString(CultureInfo.InvariantCulture) : "–", Count(cell), rate);
                }).ToList();
            return new ParticipationSection(string.Format(CultureInfo.InvariantCulture, strings.ParticipationNote, minimum),
                Rows(released.ResponsesByStakeholderGroup, released.InvitationsUsedByStakeholderGroup, c => c.Group,
                    key => _instrument.StakeholderGroups.FirstOrDefault(s => s.Id == key)?.Title.In(language) ?? key),
                Rows(released.ResponsesByCircle, released.InvitationsUsedByCircle, c => c.CircleId, key => input.CircleNames.GetValueOrDefault(key, key)));
        }

        /// <summary>Each partner's latest assessment beside the one before it; evidence notes (free text) never appear.</summary>
        public CapacitySection Capacity(CapacityInput capacity)
        {
            var tool = capacity.Instrument;
            string Level(int value) => $"{value} {tool.Levels.First(l => l.Value == value).Title.In(language)}";
            var partners = capacity.Partners.Where(p => p.Assessments.Count > 0).Select(partner =>
            {
                var latest = partner.Assessments[^1];
                (DateOnly AssessedOn, IReadOnlyDictionary<string, int> Ratings)? before = partner.Assessments.Count > 1 ? partner.Assessments[^2] : null;
                var series = new List<RadarSeries> { new(Date(latest.AssessedOn), "current", tool.Capacities.Select(c => latest.Ratings[c.Id]).ToList()) };
                if (before is { } previous)
                {
                    series.Add(new RadarSeries(Date(previous.AssessedOn), "previous", tool.Capacities.Select(c => previous.Ratings[c.Id]).ToList()));
                }
                var radar = new RadarSpec($"{strings.CapacityTitle}: {partner.Partner}",
                    string.Format(CultureInfo.InvariantCulture, strings.CapacityRadarDescription, tool.Levels.Max(l => l.Value)),
                    tool.Capacities.Select(c => c.Title.In(language)).ToList(), tool.Levels.Max(l => l.Value), series);
                var rows = tool.Capacities.Select(c => new CapacityRow(c.Title.In(language), Level(latest.Ratings[c.Id]),
                    before is { } p ? Level(p.Ratings[c.Id]) : null,
                    before is { } q ? (latest.Ratings[c.Id] - q.Ratings[c.Id]).ToString("+0;-0;0", CultureInfo.InvariantCulture) : null)).ToList();
                return new PartnerCapacity(partner.Partner,
                    string.Format(CultureInfo.InvariantCulture, strings.CapacityAssessedBy, partner.CircleName, Date(latest.AssessedOn)), radar, rows,
                    before is { } b ? Date(b.AssessedOn) : null);
            }).ToList();
            return new CapacitySection(strings.CapacityTitle, tool.Description.In(language), partners);
        }
    }
}
