using System.Globalization;
using System.Text;
using System.Text.Json;
using Evaluation.Instruments;

namespace Evaluation.Api.Analysis;

/// <summary><c>analyze</c>: scores and reliability for a spreadsheet of responses, as JSON or a table, all or nothing.</summary>
public static class AnalyzeCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static int Run(FileInfo responses, FileInfo? instrumentFile, FileInfo? keysFile, string? groupColumn,
        int scaleMin, int scaleMax, string format, TextWriter output, TextWriter error, bool listwise = false)
    {
        try
        {
            SurveyInstrument instrument;
            if (instrumentFile is not null)
            {
                var loaded = InstrumentLoader.Load([(instrumentFile.Name, File.ReadAllBytes(instrumentFile.FullName))]);
                if (loaded.Catalog?.Surveys.SingleOrDefault()?.Content is not { } survey)
                {
                    error.WriteLine(loaded.Problems.Count > 0
                        ? string.Join(Environment.NewLine, loaded.Problems)
                        : $"{instrumentFile.Name}: not a survey instrument");
                    return 2;
                }
                instrument = survey;
            }
            else if (scaleMin >= scaleMax || scaleMax - scaleMin > 20)
            {
                error.WriteLine($"--scale-min ({scaleMin}) must be below --scale-max ({scaleMax}), at most 20 apart.");
                return 2;
            }
            else
            {
                instrument = AnalysisInput.InstrumentFromKeys(AnalysisInput.ReadKeys(keysFile!.FullName), scaleMin, scaleMax);
            }
            var items = instrument.Items.Select(i => i.Id).ToList();
            var table = AnalysisInput.ReadResponses(responses.FullName, items, groupColumn, instrument.Scale.Min, instrument.Scale.Max);
            var report = Analyzer.Analyze(instrument, table, responses.Name, groupColumn, listwise);
            // Everything is computed before the first character is written: a bad file leaves no partial output.
            output.Write(format == "table" ? Table(report) : JsonSerializer.Serialize(report, Json) + Environment.NewLine);
            return 0;
        }
        catch (Exception exception) when (exception is AnalysisInputException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(exception.Message);
            return 2;
        }
    }

    private static string Table(AnalysisReport report)
    {
        static string F(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"group",-12} {"domain",-16} {"rows",5} {"n",5} {"mean",7} {"sd",7} {"95% CI",17} {"alpha",7} {"Feldt 95%",17} {"note",-10}");
        foreach (var group in report.Groups)
        {
            foreach (var domain in group.Domains)
            {
                Row(group.Name, domain.Id, domain.N, domain.Score, domain.Reliability);
                // Factors indented under their domain, unless the domain is its only factor (keys without factors).
                foreach (var factor in domain.Factors.Where(f => f.Id != domain.Id))
                {
                    Row("", "  " + factor.Id, factor.N, factor.Score, factor.Reliability);
                }
            }
        }
        void Row(string group, string id, int rows, ScoreSummary score, ReliabilityOutput reliability)
        {
            var ci = score.Ci95 is { } c ? $"{F(c[0])}–{F(c[1])}" : "–";
            var feldt = reliability.Feldt95 is { } f ? $"{F(f[0])}–{F(f[1])}" : "–";
            var note = reliability.Status != "estimated" ? reliability.Status : reliability.IndicativeOnly ? "indicative" : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{group,-12} {id,-16} {rows,5} {score.N,5} {F(score.Mean),7} {F(score.Sd),7} {ci,17} {F(reliability.RawAlpha),7} {feldt,17} {note,-10}");
        }
        if (report.Changes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{"change",-14} {"domain",-16} {"difference",10} {"Welch 95% CI",17} {"p",9} {"g",7} verdict");
            foreach (var change in report.Changes)
            {
                var ci = change.Welch is { } w ? $"{F(w.Ci95[0])}–{F(w.Ci95[1])}" : "–";
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{change.From + "→" + change.To,-14} {change.Domain,-16} {F(change.Difference),10} {ci,17} {F(change.Welch?.P),9} {F(change.HedgesG),7} {change.Verdict}{(change.IndicativeOnly ? " (indicative)" : "")}");
            }
        }
        return text.ToString();
    }
}
