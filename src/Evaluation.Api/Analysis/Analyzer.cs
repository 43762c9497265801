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
        var groupNames = table.Groups.Select(g => g ?? "all").Distinct().ToList();
        groupNames = groupNames.All(g => double.TryParse(g, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            ? [.. groupNames.OrderBy(g => double.Parse(g, CultureInfo.InvariantCulture))]
            : [.. groupNames.Order(StringComparer.Ordinal)];
        var columnOf = table.ItemColumns.Select((item, index) => (item, index)).ToDictionary(p => p.item, p => p.index);

        var perGroup = groupNames.Select(name =>
        {
            var rows = table.Rows.Where((_, i) => (table.Groups[i] ?? "all") == name).ToList();
            var responses = rows.Select(row => new ResponseAnswers("all", "all", "paper",
                table.ItemColumns.Select((item, i) => (item, row[i])).ToDictionary(p => p.item, p => p.Item2))).ToList();
            var scored = responses.Select(r => ResponseScorer.Score(instrument, r)).ToList();
            var domains = instrument.Domains.Select((domain, d) =>
            {
                var items = domain.Factors.SelectMany(f => f.Items).ToList();
                var keyed = rows.Select(row => items.Select(item => row[columnOf[item.Id]] is { } v
                    ? (double?)(item.Reverse ? instrument.Scale.Reverse(v) : v)
                    : null).ToArray()).ToList();
                var productScores = scored.Select(s => s[d].Value).OfType<double>().ToList();
                var scaleScores = ScaleScores(keyed);
                var summary = Summary.Of(productScores);
                var scale = Summary.Of(scaleScores);
                return (Output: new AnalysisDomain(domain.Id, rows.Count,
                        new DomainScoreSummary(summary.N, summary.Mean, summary.StandardDeviation, summary.StandardError,
                            ReliabilityOutput.Pair(summary.Ci95), scale.Mean, scale.StandardDeviation),
                        ReliabilityOutput.From(Alpha.Compute(items.Select(i => i.Reverse ? i.Id + "-" : i.Id).ToList(), keyed))),
                    ProductScores: productScores, ScaleScores: scaleScores);
            }).ToList();
            return (Name: name, Rows: rows.Count, Domains: domains);
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
    private static List<double> ScaleScores(IEnumerable<double?[]> keyed) =>
        keyed.Select(row => row.OfType<double>().ToList()).Where(answers => answers.Count > 0).Select(answers => answers.Average()).ToList();
}
