using System.Globalization;
using Evaluation.Instruments;
using Evaluation.Localisation;
using Evaluation.Reporting.Charts;
using Evaluation.Scoring;
using Evaluation.Scoring.Change;
using Evaluation.Scoring.Disclosure;

namespace Evaluation.Reporting;

/// <summary>Builds the <see cref="ReportModel"/> from released scores: pure, no I/O, no clock.</summary>
public static partial class ReportBuilder
{
    public static ReportModel Build(ReportInput input)
    {
        var context = Context.For(input);
        var titlePage = context.TitlePage();
        return new ReportModel(
            context.Language,
            context.Strings,
            titlePage,
            input.Scores.Domains.Select(context.Domain).ToList(),
            input.TheoryOfChange is { } theory ? context.TheoryOfChange(theory) : null,
            context.Methods(titlePage.Responses),
            context.Summary(),
            input.Invitations is { } issued ? context.Participation(issued) : null,
            input.Capacity is { Partners.Count: > 0 } capacity ? context.Capacity(capacity) : null);
    }

    /// <summary>A circle's dashboard: the same figures as the report (already through disclosure control), for one circle.</summary>
    public static DashboardModel BuildDashboard(ReportInput input, string circleId)
    {
        var context = Context.For(input);
        return new DashboardModel(context.Language, context.Strings, input.CircleNames[circleId], context.TitlePage(),
            input.Scores.Domains.Select(result => context.DashboardDomain(result, circleId)).ToList());
    }

    private sealed partial class Context(ReportInput input, string language, ReportStrings strings)
    {
        private readonly SurveyInstrument _instrument = input.Instrument;

        /// <summary>The report's language: the one asked for when the instrument has it, else English.</summary>
        public static Context For(ReportInput input)
        {
            var language = input.Instrument.Languages.Contains(input.Language) ? input.Language : LocalizedText.English;
            return new Context(input, language, ReportStrings.For(language));
        }

        public string Language => language;

        public ReportStrings Strings => strings;

        public TitlePage TitlePage()
        {
            var scores = input.Scores;
            var responses = scores.ResponsesStatus switch
            {
                CellStatus.Released => scores.Responses!.Value.ToString(CultureInfo.InvariantCulture),
                CellStatus.NoResponses => strings.NoResponses,
                _ => Withheld(scores.ResponsesSuppressedBecause),
            };
            var translation = language != LocalizedText.English && _instrument.Translations.TryGetValue(language, out var status) ? status.Note : null;
            return new TitlePage(input.OrganisationName, input.SurveyTitle, $"{Date(input.OpensOn)} – {Date(input.ClosesOn)}",
                _instrument.Title.In(language), $"{_instrument.Id} v{_instrument.Version}", Date(input.GeneratedOn), responses, translation);
        }

        public string SuppressedText { get; } = string.Format(CultureInfo.InvariantCulture, strings.Suppressed, input.Scores.MinimumCellSize);

        /// <summary>Why a figure is not shown: too few people in it, or hidden so that a smaller group cannot be worked out.</summary>
        public string Withheld(SuppressionReason? reason) => reason == SuppressionReason.ProtectsSmallGroup ? strings.ProtectsSmallGroup : SuppressedText;

        public DomainSection Domain(DomainResult result)
        {
            var domain = _instrument.FindDomain(result.DomainId)!;
            var overall = Figure(domain.Title.In(language), result.Overall);
            var narrative = result.Overall.BandId is { } bandId ? domain.Narratives.GetValueOrDefault(bandId) : null;
            var groups = result.ByStakeholderGroup
                .Select(g => Figure(_instrument.StakeholderGroups.First(s => s.Id == g.Key).Title.In(language), g.Score)).ToList();
            var circles = result.ByCircle.Select(c => Figure(input.CircleNames[c.Key], c.Score)).ToList();
            var factors = result.Factors.Select(f => Figure(_instrument.FindFactor(f.FactorId)!.Title.In(language), f.Overall)).ToList();

            var perspectives = result.ByStakeholderGroup
                .Where(g => g.Score.BandId is not null)
                .Select(g => (Group: g, Perspective: domain.Narratives.GetValueOrDefault(g.Score.BandId!)?.Perspectives?.GetValueOrDefault(g.Key)))
                .Where(x => x.Perspective is not null)
                .Select(x => new PerspectiveNote(
                    _instrument.StakeholderGroups.First(s => s.Id == x.Group.Key).Title.In(language),
                    BandTitle(x.Group.Score.BandId!),
                    x.Perspective!.Meaning.In(language),
                    x.Perspective.Action.In(language)))
                .ToList();
            var circleNotes = result.ByCircle
                .Where(c => c.Score.BandId is not null && domain.Narratives.GetValueOrDefault(c.Score.BandId!)?.CircleLevel is not null)
                .Select(c => new CircleNote(input.CircleNames[c.Key], BandTitle(c.Score.BandId!),
                    domain.Narratives[c.Score.BandId!].CircleLevel!.In(language)))
                .ToList();

            var rows = new[] { overall with { Label = strings.AllRespondents } }.Concat(groups).Select(ChartRow).ToList();
            var chart = new ChartSpec(
                $"{domain.Title.In(language)}: {strings.ByStakeholderGroup.ToLowerInvariant()}",
                string.Format(CultureInfo.InvariantCulture, strings.ChartDescription, _instrument.Scale.Min, _instrument.Scale.Max,
                    string.Join(", ", _instrument.Bands.Select(b => b.Title.In(language)))),
                _instrument.Scale.Min, _instrument.Scale.Max, Zones(), rows);

            // Every wave of the instrument version, oldest first, this one last: each wave's own released overall figure.
            var trendFigures = input.Trend is { Count: > 0 } waves
                ? waves.Select(w => Figure(w.Title, w.DomainOverall[domain.Id])).Append(overall with { Label = input.SurveyTitle }).ToList()
                : null;
            var trend = trendFigures is null ? null : new ChartSpec(
                string.Format(CultureInfo.InvariantCulture, strings.Trend, domain.Title.In(language)),
                string.Format(CultureInfo.InvariantCulture, strings.ChartDescription, _instrument.Scale.Min, _instrument.Scale.Max,
                    string.Join(", ", _instrument.Bands.Select(b => b.Title.In(language)))),
                _instrument.Scale.Min, _instrument.Scale.Max, Zones(), trendFigures.Select(ChartRow).ToList());

            return new DomainSection(domain.Id, domain.Title.In(language), domain.Summary.In(language), overall, BandDistribution(result.Overall),
                narrative?.Meaning.In(language), narrative?.Action.In(language), chart, groups, circles, factors, perspectives, circleNotes, trend, trendFigures,
                Reliability(result.Reliability), ClearGaps(result.PerspectiveGaps), Change(result));
        }

        public DashboardDomain DashboardDomain(DomainResult result, string circleId)
        {
            var domain = _instrument.FindDomain(result.DomainId)!;
            var circleName = input.CircleNames[circleId];
            var circleCell = result.ByCircle.First(c => c.Key == circleId);
            var circle = Figure(circleName, circleCell.Score);
            var everyone = Figure(strings.AllRespondents, result.Overall);
            var narrative = circle.Score.BandId is { } bandId ? domain.Narratives.GetValueOrDefault(bandId) : null;
            var description = string.Format(CultureInfo.InvariantCulture, strings.ChartDescription, _instrument.Scale.Min, _instrument.Scale.Max,
                string.Join(", ", _instrument.Bands.Select(b => b.Title.In(language))));
            var chart = new ChartSpec($"{domain.Title.In(language)}: {circleName}", description, _instrument.Scale.Min, _instrument.Scale.Max, Zones(),
                [ChartRow(circle), ChartRow(everyone)]);
            var factors = result.Factors.SelectMany(factor =>
            {
                var title = _instrument.FindFactor(factor.FactorId)!.Title.In(language);
                return new[]
                {
                    Figure($"{title}: {circleName}", factor.ByCircle.First(c => c.Key == circleId).Score),
                    Figure($"{title}: {strings.AllRespondents}", factor.Overall),
                };
            }).ToList();
            var factorChart = new ChartSpec($"{strings.FactorsBehind}: {domain.Title.In(language)}", description, _instrument.Scale.Min,
                _instrument.Scale.Max, Zones(), factors.Select(ChartRow).ToList());
            var reliability = new[] { (Label: circleName, Alpha: circleCell.Reliability), (Label: strings.AllRespondents, Alpha: result.Reliability) }
                .Select(p => (p.Label, Text: Reliability(p.Alpha))).Where(p => p.Text is not null)
                .Select(p => new LabelledText(p.Label, p.Text!)).ToList();
            return new DashboardDomain(domain.Id, domain.Title.In(language), domain.Summary.In(language), circle, everyone,
                narrative?.Meaning.In(language), narrative?.Action.In(language), narrative?.CircleLevel?.In(language), chart, factors, factorChart,
                reliability, Change(result, circleId));
        }

        /// <summary>
        /// Cronbach's alpha with its Feldt interval, as released, and what a reader must not misread: indicative only
        /// below 30 people, a warning when it is negative, and why it is missing when it could not be worked out.
        /// Null when the scale's figure is withheld.
        /// </summary>
        private string? Reliability(Evaluation.Scoring.Reliability.AlphaResult? alpha)
        {
            if (alpha is not { RawAlpha: { } raw, Feldt95: { } feldt })
            {
                var undefined = alpha?.Status is Evaluation.Scoring.Reliability.ReliabilityStatus.TooFewItems
                    or Evaluation.Scoring.Reliability.ReliabilityStatus.TooFewRespondents or Evaluation.Scoring.Reliability.ReliabilityStatus.NotEstimable;
                return undefined ? strings.ReliabilityUndefined : null;
            }
            var line = string.Format(CultureInfo.InvariantCulture, strings.ReliabilityLine, raw.ToString("0.00", CultureInfo.InvariantCulture),
                $"{feldt.Lower.ToString("0.00", CultureInfo.InvariantCulture)}–{feldt.Upper.ToString("0.00", CultureInfo.InvariantCulture)}",
                alpha.Respondents, alpha.Items);
            return line + (raw < 0 ? " " + strings.ReliabilityNegative : "") + (alpha.IndicativeOnly ? " " + strings.ReliabilityIndicative : "");
        }

        /// <summary>The (at most three) largest gaps between released stakeholder groups whose Welch 95 % interval excludes zero.</summary>
        private IReadOnlyList<string> ClearGaps(IReadOnlyList<GroupGap> gaps)
        {
            string Title(string group) => _instrument.StakeholderGroups.FirstOrDefault(g => g.Id == group)?.Title.In(language) ?? group;
            string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
            return gaps.Where(g => g.Welch is { } t && (t.Ci95.Lower > 0 || t.Ci95.Upper < 0))
                .OrderByDescending(g => Math.Abs(g.Difference))
                .Take(3)
                .Select(g => g.Difference > 0
                    ? string.Format(CultureInfo.InvariantCulture, strings.GapHigher, Title(g.Group), Title(g.ComparedWith), F(g.Difference),
                        F(g.Welch!.Ci95.Lower), F(g.Welch.Ci95.Upper))
                    : string.Format(CultureInfo.InvariantCulture, strings.GapLower, Title(g.Group), Title(g.ComparedWith), F(-g.Difference),
                        F(-g.Welch!.Ci95.Upper), F(-g.Welch.Ci95.Lower)))
                .ToList();
        }

        public MethodsSection Methods(string responses)
        {
            var scale = _instrument.Scale;
            var scaleText = string.Join("; ", scale.Labels.OrderBy(l => l.Value).Select(l => $"{l.Value} = {l.Text.In(language)}")) +
                            $"; {scale.NotApplicable.In(language)}.";
            var factorRule = _instrument.Scoring.FactorMinimumAnswered;
            var domainRule = _instrument.Scoring.DomainMinimumValidFactors;
            string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);
            var rules = new List<string>
            {
                Format(strings.RuleReverse, scale.Min, scale.Max),
                Format(strings.RuleFactor, factorRule.Numerator, factorRule.Denominator, factorRule.AtLeast),
                Format(strings.RuleDomain, domainRule.Numerator, domainRule.Denominator, domainRule.AtLeast),
                strings.RuleBands,
                strings.RuleInterval,
                strings.NotApplicable,
                strings.InsufficientNote,
            };
            var bands = _instrument.Bands.Select(b => new BandRange(b.Id, b.Title.In(language), Range(b))).ToList();
            var modes = input.Scores.ByCompletionMode.Select(m => new Figure(
                strings.CompletionModeNames.GetValueOrDefault(m.Key, m.Key),
                new ScoreCell(m.Status, m.Count, null, null, null, null, null, null),
                null,
                m.Status switch
                {
                    CellStatus.Released => m.Count!.Value.ToString(CultureInfo.InvariantCulture),
                    CellStatus.NoResponses => "0",
                    _ => Withheld(m.SuppressedBecause),
                })).ToList();
            var snapshot = input.Snapshot is { } data
                ? Format(strings.Snapshot, data.Sha256, data.Responses.ToString(CultureInfo.InvariantCulture))
                : null;
            return new MethodsSection(scaleText, rules, bands, input.Scores.MinimumCellSize, responses, modes, snapshot);
        }

        public string Date(DateOnly date) => Dates.Long(language, date);

        private Figure Figure(string label, ScoreCell cell)
        {
            var bandTitle = cell.BandId is { } bandId ? BandTitle(bandId) : null;
            var display = cell.Status switch
            {
                CellStatus.Released when cell.Ci95 is { } ci =>
                    $"{MeanText(cell)} ({Number(ci.Lower)}–{Number(ci.Upper)}), {bandTitle}, n = {cell.N}",
                CellStatus.Released => $"{MeanText(cell)}, {bandTitle}, n = {cell.N}",
                CellStatus.NoResponses => strings.NoResponses,
                _ => Withheld(cell.SuppressedBecause),
            };
            return new Figure(label, cell, bandTitle, display,
                cell.Mean is not null ? MeanText(cell) : null,
                cell.Ci95 is { } interval ? $"{Number(interval.Lower)}–{Number(interval.Upper)}" : null);
        }

        /// <summary>"Low 35 (12%) · Medium 180 (60%) · High 85 (28%)", or why it is withheld; null when there is no released score.</summary>
        private string? BandDistribution(ScoreCell cell) => cell.Status != CellStatus.Released
            ? null
            : cell.BandCounts is { } counts
                ? string.Join(" · ", counts.Select(c => string.Create(CultureInfo.InvariantCulture,
                    $"{BandTitle(c.BandId)} {c.Count} ({Math.Round(c.Share * 100, MidpointRounding.AwayFromZero)}%)")))
                : string.Format(CultureInfo.InvariantCulture, strings.BandCountsWithheld, input.Scores.MinimumCellSize);

        /// <summary>
        /// The mean to two decimals, never rounded across a band limit: a mean of 2.495 is low and prints 2.49,
        /// not 2.50, which the methods page says is medium.
        /// </summary>
        private string MeanText(ScoreCell cell)
        {
            var mean = (decimal)cell.Mean!.Value;
            var rounded = Math.Round(mean, 2, MidpointRounding.AwayFromZero);
            var band = _instrument.Bands.First(b => b.Id == cell.BandId);
            if (!band.Contains(rounded))
            {
                rounded = rounded > mean ? Math.Floor(mean * 100) / 100 : Math.Ceiling(mean * 100) / 100;
            }
            return rounded.ToString("0.00", CultureInfo.InvariantCulture);
        }

        private ChartRow ChartRow(Figure figure) => figure.Score.Status == CellStatus.Released
            ? new ChartRow(figure.Label, figure.Score.Mean, figure.Score.Ci95?.Lower, figure.Score.Ci95?.Upper, null)
            : new ChartRow(figure.Label, null, null, null, figure.Display);

        private List<ChartZone> Zones() => _instrument.Bands
            .Select(b => new ChartZone(b.Id, b.Title.In(language), b.From?.Value ?? _instrument.Scale.Min, b.To?.Value ?? _instrument.Scale.Max))
            .ToList();

        private string BandTitle(string bandId) => _instrument.Bands.First(b => b.Id == bandId).Title.In(language);

        private static string Range(Band band)
        {
            var from = band.From is { } f ? $"{Number(f.Value)} {(f.Inclusive ? "≤" : "<")} " : "";
            var to = band.To is { } t ? $" {(t.Inclusive ? "≤" : "<")} {Number(t.Value)}" : "";
            return band.From is null && band.To is null ? "x" : from + "x" + to;
        }

        /// <summary>Two decimals, half away from zero, invariant culture: the only rounding in a report.</summary>
        public static string Number(double value) =>
            Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
    }
}
