using System.Globalization;
using Evaluation.Instruments;
using Evaluation.Scoring;
using Evaluation.Scoring.Change;
using Evaluation.Scoring.Reliability;

namespace Evaluation.Api.Analysis;

/// <summary>
/// Analyses spreadsheet data the way the service analyses stored responses: scores by the instrument's rules,
/// psych-style reliability, change between consecutive groups. For an evaluator's own data on their own machine,
/// so small groups are marked indicative rather than suppressed.
/// </summary>
public static class Analyzer
{
    public static AnalysisReport Analyze(SurveyInstrument instrument, ResponseTable table, string responsesName, string? groupColumn)
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

        var perGroup = order.Select(g =>
        {
            var rows = rowsOfGroup[g];
            var productScores = instrument.Domains.Select(_ => new List<double>(rows.Count)).ToArray();
            var scores = new double[plan.DomainCount];
            foreach (var row in rows)
            {
                plan.Score(table.Row(row), scores);
                for (var d = 0; d < scores.Length; d++)
                {
                    if (!double.IsNaN(scores[d]))
                    {
                        productScores[d].Add(scores[d]);
                    }
                }
            }
            var domains = instrument.Domains.Select((domain, d) =>
            {
                var items = domain.Factors.SelectMany(f => f.Items).ToList();
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
                var scaleScores = ScaleScores(keyed, rows.Count);
                var summary = Summary.Of(productScores[d]);
                var scale = Summary.Of(scaleScores);
                return (Output: new AnalysisDomain(domain.Id, rows.Count,
                        new DomainScoreSummary(summary.N, summary.Mean, summary.StandardDeviation, summary.StandardError,
                            ReliabilityOutput.Pair(summary.Ci95), scale.Mean, scale.StandardDeviation),
                        ReliabilityOutput.From(Alpha.Compute(items.Select(i => i.Reverse ? i.Id + "-" : i.Id).ToList(), keyed))),
                    ProductScores: productScores[d], ScaleScores: scaleScores);
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

        return new AnalysisReport(responsesName, groupColumn, instrument.Scale.Min, instrument.Scale.Max,
            perGroup.Select(g => new AnalysisGroup(g.Name, g.Rows, g.Domains.Select(d => d.Output).ToList())).ToList(), changes);
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
