using System.Globalization;
using Evaluation.Instruments;
using Evaluation.Scoring;
using Evaluation.Scoring.Change;
using Evaluation.Scoring.Reliability;

namespace Evaluation.Api.Analysis;

/// <summary>
/// Analyses spreadsheet data the way the service analyses stored responses: scores by the instrument's rules,
/// psych-style reliability per domain and factor, change between consecutive groups. For an evaluator's own data
/// on their own machine, so small groups are marked indicative rather than suppressed.
/// </summary>
public static class Analyzer
{
    /// <param name="listwise">Reliability on complete rows only (psych on <c>na.omit</c>) instead of pairwise.</param>
    public static AnalysisReport Analyze(SurveyInstrument instrument, ResponseTable table, string responsesName, string? groupColumn, bool listwise = false)
    {
        var order = Enumerable.Range(0, table.GroupNames.Count).ToList();
        order = table.GroupNames.All(g => double.TryParse(g, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            ? [.. order.OrderBy(g => double.Parse(table.GroupNames[g], CultureInfo.InvariantCulture))]
            : [.. order.OrderBy(g => table.GroupNames[g], StringComparer.Ordinal)];
        var columnOf = table.ItemColumns.Select((item, index) => (item, index)).ToDictionary(p => p.item, p => p.index);
        var plan = new ScoringPlan(instrument, stakeholderGroup: null, table.ItemColumns);
        var rowsOfGroup = order.ToDictionary(g => g, _ => new List<int>());
        for (var row = 0; row < table.RowCount; row++)
        {
            rowsOfGroup[table.GroupOfRow[row]].Add(row);
        }
        // Band counts only where the instrument defines bands (keys files have none).
        var withBands = instrument.Bands.Count > 1;

        var perGroup = order.Select(g =>
        {
            var rows = rowsOfGroup[g];
            var (domainScores, factorScores) = Score(instrument, plan, table, rows);
            var factorIndex = 0;
            var domains = instrument.Domains.Select((domain, d) =>
            {
                var scale = Scale(instrument, table, columnOf, domain.Factors.SelectMany(f => f.Items).ToList(), rows, domainScores[d], withBands, listwise);
                var factors = domain.Factors.Select(factor =>
                {
                    // A domain that is one factor (keys without factors) has the same figures: computed once.
                    var same = domain.Factors.Count == 1;
                    var factorScale = same ? scale : Scale(instrument, table, columnOf, factor.Items, rows, factorScores[factorIndex]!, withBands, listwise);
                    factorIndex++;
                    return new AnalysisFactor(factor.Id, rows.Count, factorScale.Score, factorScale.Reliability);
                }).ToList();
                return (Output: new AnalysisDomain(domain.Id, rows.Count, scale.Score, scale.Reliability, factors),
                    ProductScores: domainScores[d], scale.ScaleScores);
            }).ToList();
            return (Name: table.GroupNames[g], Rows: rows.Count, Domains: domains);
        }).ToList();

        var changes = new List<AnalysisChange>();
        for (var g = 1; g < perGroup.Count; g++)
        {
            for (var d = 0; d < instrument.Domains.Count; d++)
            {
                var (from, to) = (perGroup[g - 1].Domains[d], perGroup[g].Domains[d]);
                var change = WaveChange.Compare(from.ProductScores, to.ProductScores, instrument.Domains[d].MeaningfulChange);
                changes.Add(new AnalysisChange(perGroup[g - 1].Name, perGroup[g].Name, instrument.Domains[d].Id, change.NFrom, change.NTo,
                    change.Difference, TestOutput.From(change.Welch), TestOutput.From(change.Student), change.CohenD, change.HedgesG,
                    change.MeaningfulChange, ReliabilityOutput.Kebab(change.Verdict.ToString()), change.IndicativeOnly,
                    ScaleChange.From(WaveChange.Compare(from.ScaleScores, to.ScaleScores))));
            }
        }

        return new AnalysisReport(responsesName, groupColumn, instrument.Scale.Min, instrument.Scale.Max, listwise ? "listwise" : "pairwise",
            perGroup.Select(g => new AnalysisGroup(g.Name, g.Rows, g.Domains.Select(d => d.Output).ToList())).ToList(), changes);
    }

    /// <summary>
    /// Every row's domain and factor scores by the instrument's rules; rows with insufficient data left out of each.
    /// A domain's only factor has the domain's scores, so they are not kept twice.
    /// </summary>
    private static (List<double>[] Domains, List<double>?[] Factors) Score(SurveyInstrument instrument, ScoringPlan plan, ResponseTable table, List<int> rows)
    {
        var domains = Enumerable.Range(0, plan.DomainCount).Select(_ => new List<double>(rows.Count)).ToArray();
        var factors = instrument.Domains.SelectMany(domain => domain.Factors.Select(_ => domain.Factors.Count == 1 ? null : new List<double>(rows.Count))).ToArray();
        var domainScores = new double[plan.DomainCount];
        var factorScores = new double[plan.FactorCount];
        foreach (var row in rows)
        {
            plan.Score(table.Row(row), domainScores, factorScores);
            Keep(domainScores, domains);
            Keep(factorScores, factors);
        }
        return (domains, factors);

        static void Keep(double[] scores, List<double>?[] into)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                if (!double.IsNaN(scores[i]))
                {
                    into[i]?.Add(scores[i]);
                }
            }
        }
    }

    /// <summary>One domain or factor: the product's scores summarised, psych's scale statistics and reliability of its items.</summary>
    private static (ScoreSummary Score, ReliabilityOutput Reliability, List<double> ScaleScores) Scale(SurveyInstrument instrument, ResponseTable table,
        Dictionary<string, int> columnOf, IReadOnlyList<Item> items, List<int> rows, List<double> productScores, bool withBands, bool listwise)
    {
        var keyed = items.Select(item =>
        {
            var column = new double[rows.Count];
            var position = columnOf[item.Id];
            for (var r = 0; r < rows.Count; r++)
            {
                var value = table.Answers[rows[r] * table.ItemColumns.Count + position];
                column[r] = value == 0 ? double.NaN : item.Reverse ? instrument.Scale.Reverse(value) : value;
            }
            return column;
        }).ToArray();
        var alpha = Alpha.Compute(items.Select(i => i.Reverse ? i.Id + "-" : i.Id).ToList(), keyed, listwise);
        var scaleScores = ScaleScores(keyed, rows.Count);
        var summary = Summary.Of(productScores);
        // psych's scale mean and SD come with its alpha (including its handling of constant items); without an
        // estimate, the mean of answered items.
        var estimated = alpha.Status == ReliabilityStatus.Estimated && !listwise;
        var scale = estimated ? null : Summary.Of(scaleScores);
        return (new ScoreSummary(summary.N, summary.Mean, summary.StandardDeviation, summary.StandardError, ReliabilityOutput.Pair(summary.Ci95),
                estimated ? alpha.ScaleMean : scale!.Mean, estimated ? alpha.ScaleSd : scale!.StandardDeviation,
                withBands && summary.N > 0 ? BandShares(instrument, productScores) : null),
            ReliabilityOutput.From(alpha), scaleScores);
    }

    private static List<BandShare> BandShares(SurveyInstrument instrument, List<double> scores)
    {
        var counts = new int[instrument.Bands.Count];
        var bandOf = new Dictionary<double, int>();
        foreach (var score in scores)
        {
            if (!bandOf.TryGetValue(score, out var band))
            {
                var classified = Bands.Classify(instrument, score);
                bandOf[score] = band = instrument.Bands.Select((b, i) => (b, i)).First(p => ReferenceEquals(p.b, classified)).i;
            }
            counts[band]++;
        }
        return instrument.Bands.Select((band, i) => new BandShare(band.Id, counts[i], (double)counts[i] / scores.Count)).ToList();
    }

    /// <summary>psych's scale score: the mean of a respondent's answered items, no minimum; respondents with none left out.</summary>
    private static List<double> ScaleScores(double[][] keyed, int rows)
    {
        var scores = new List<double>(rows);
        for (var r = 0; r < rows; r++)
        {
            double sum = 0;
            var answered = 0;
            foreach (var column in keyed)
            {
                if (!double.IsNaN(column[r]))
                {
                    sum += column[r];
                    answered++;
                }
            }
            if (answered > 0)
            {
                scores.Add(sum / answered);
            }
        }
        return scores;
    }
}
