using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Evaluation.Api.Hosting;
using Evaluation.Api.Panels;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;

namespace Evaluation.Api.Responses;

/// <summary>A row that cannot be imported: its line in the file, the column at fault when there is one, and why.</summary>
public sealed record ImportProblem(long Line, string? Column, string Reason);

/// <param name="Applied">False when bad rows stopped the import (nothing was stored).</param>
public sealed record ImportResult(int Rows, int Imported, int AlreadyImported, bool Applied, IReadOnlyList<ImportProblem> Rejected);

/// <summary>A file of paper responses for a survey; <paramref name="ValidRowsOnly"/> stores the good rows even when others are bad.</summary>
public sealed record ImportRequest(Survey Survey, Stream Csv, bool ValidRowsOnly, IProgress<long>? Progress = null);

/// <summary>What the import did, or null <see cref="Result"/> when the survey is not taking responses today.</summary>
public sealed record ImportOutcome(ImportResult? Result)
{
    public bool SurveyNotOpen => Result is null;
}

/// <summary>
/// Paper responses from a CSV file: columns <c>circle</c> (name or id), <c>stakeholder_group</c>, optionally
/// <c>completion_mode</c> (default <c>paper</c>), then one column per item: a value on the scale, empty for no answer,
/// <c>NA</c> for "not applicable / prefer not to say"; optionally <c>form_id</c>, the number written on each paper form.
/// Every row is checked by the same rules as the API; when any is bad nothing is stored, unless only the valid rows are
/// asked for. Importing again stores nothing twice: a row is known by its form_id when the file has one, otherwise by
/// its content and how often the same content came before it in the file (<see cref="RowKey"/>), so a file imported
/// again after its bad lines were corrected adds only the corrected ones; the result counts the rest as already stored.
/// Unreadable CSV (a short row, a stray quote) is reported by line; no cell content reaches a log (a problem may quote a
/// cell back to the evaluator who sent it). The one way in for the API and the <c>import</c> command.
/// </summary>
public sealed class Import(ResponseStore responses, PanelKeys panels, InstrumentCatalog catalog, Hosting.Calendar calendar)
{
    private static readonly string[] Fixed = ["circle", "stakeholder_group", "completion_mode", "form_id", "panel_code"];

    public async Task<ImportOutcome> RunAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var (survey, today) = (request.Survey, calendar.Today());
        if (!survey.AcceptsResponsesOn(today))
        {
            return new ImportOutcome(null);
        }
        var instrument = catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!.Content;
        return new ImportOutcome(await ImportAsync(request.Csv, survey, instrument, today, request.ValidRowsOnly, request.Progress, cancellationToken));
    }

    private async Task<ImportResult> ImportAsync(Stream csv, Survey survey, SurveyInstrument instrument, DateOnly today, bool validRowsOnly,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var problems = new List<ImportProblem>();
        var valid = new List<(NewResponse, IdempotentRequest)>();
        var rows = 0;
        var unreadable = new List<ImportProblem>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            DetectDelimiter = false,
            ExceptionMessagesContainRawData = false,
            MissingFieldFound = args => unreadable.Add(new ImportProblem(args.Context?.Parser?.RawRow ?? 0, null,
                "The row has fewer cells than the header.")),
            BadDataFound = args => unreadable.Add(new ImportProblem(args.Context?.Parser?.RawRow ?? 0, null,
                "The row is not readable as CSV (a stray quote?).")),
        };
        using (var reader = new CsvReader(new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true), configuration))
        {
            if (!await reader.ReadAsync() || !reader.ReadHeader())
            {
                return new ImportResult(0, 0, 0, false, [new ImportProblem(1, null, "The file is empty; expected a header: circle,stakeholder_group,completion_mode,<item ids>.")]);
            }
            var header = reader.HeaderRecord!;
            var headerProblems = CheckHeader(header, instrument);
            if (headerProblems.Count > 0)
            {
                return new ImportResult(0, 0, 0, false, headerProblems);
            }
            var circles = survey.Circles.SelectMany(c => new[] { (Key: c.Id, c.Id), (Key: c.Name, c.Id) })
                .DistinctBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(p => p.Key, p => p.Id, StringComparer.OrdinalIgnoreCase);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var sameRows = new Dictionary<string, int>(StringComparer.Ordinal); // how often each row's content came so far
            var formIds = header.Contains("form_id");
            var panelKeys = new HashSet<string>(StringComparer.Ordinal);
            while (await ReadAsync(reader, rows + 2, unreadable))
            {
                rows++;
                var line = reader.Parser.RawRow;
                var rowProblems = new List<ImportProblem>();
                var answers = new Dictionary<string, int?>();
                foreach (var item in header.Where(h => !Fixed.Contains(h) && h.Length > 0))
                {
                    var text = reader.GetField(item) ?? "";
                    if (text.Length == 0)
                    {
                        continue;
                    }
                    if (text.Equals("NA", StringComparison.OrdinalIgnoreCase) || text.Equals("N/A", StringComparison.OrdinalIgnoreCase))
                    {
                        answers[item] = null;
                    }
                    else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    {
                        answers[item] = value;
                    }
                    else
                    {
                        rowProblems.Add(new ImportProblem(line, item, $"'{text}' is not a whole number on the scale (leave empty for no answer, NA for not applicable)."));
                    }
                }
                var circleText = reader.GetField("circle") ?? "";
                var request = new SubmitResponseRequest(
                    circles.GetValueOrDefault(circleText, circleText),
                    reader.GetField("stakeholder_group") ?? "",
                    header.Contains("completion_mode") && reader.GetField("completion_mode") is { Length: > 0 } mode ? mode : "paper",
                    answers,
                    header.Contains("panel_code") && reader.GetField("panel_code") is { Length: > 0 } panelCode ? panelCode : null);
                rowProblems.AddRange(ResponseRules.Check(request, survey, instrument).Select(e => new ImportProblem(line, ColumnOf(e.Field),
                    e.Field.StartsWith("answers.", StringComparison.Ordinal) ? e.Message + MissingAnswerHint : e.Message)));
                var formId = formIds ? reader.GetField("form_id") ?? "" : null;
                var key = formId is not null ? "form:" + formId : RowKey(request, instrument, sameRows);
                var idempotency = new IdempotentRequest($"import:{survey.Id}", key, key);
                string? panelKey = null;
                if (request.PanelCode is { } given && PanelKeys.Normalise(given) is not null && survey.Anonymity == AnonymityMode.Pseudonymous)
                {
                    panelKey = await panels.ResolveAsync(survey.OrganisationId, given, cancellationToken);
                    if (panelKey is null)
                    {
                        rowProblems.Add(new ImportProblem(line, "panel_code", PanelKeys.DoesNotCheck));
                    }
                }
                // A row imported before is skipped later, whatever its panel code: only new rows can clash.
                if (panelKey is not null && (!panelKeys.Add(panelKey)
                    || (await responses.FindEarlierAsync(idempotency, cancellationToken) is null && await responses.PanelKeyAnsweredAsync(survey.Id, panelKey, cancellationToken))))
                {
                    rowProblems.Add(new ImportProblem(line, "panel_code", "This panel code has already answered this survey: one response per person and wave."));
                }
                if (formId is { Length: 0 })
                {
                    rowProblems.Add(new ImportProblem(line, "form_id", "Every row needs its form id when the file has a form_id column."));
                }
                rowProblems.AddRange(unreadable);
                unreadable.Clear();
                if (rowProblems.Count > 0)
                {
                    problems.AddRange(rowProblems);
                }
                else
                {
                    var ordered = instrument.Items.Where(i => answers.ContainsKey(i.Id)).ToDictionary(i => i.Id, i => answers[i.Id]);
                    if (formId is not null && !seen.TryAdd(formId, 1))
                    {
                        problems.Add(new ImportProblem(line, "form_id", $"Form '{formId}' appears twice in this file."));
                        continue;
                    }
                    valid.Add((new NewResponse(survey.Id, instrument.Id, instrument.Version, survey.OrganisationId, request.CircleId,
                        request.StakeholderGroup, Kebab.Parse<CompletionMode>(request.CompletionMode), today, ordered, panelKey), idempotency));
                }
                if (rows % 1000 == 0 && csv.CanSeek)
                {
                    progress?.Report(csv.Position);
                }
            }
        }
        problems.AddRange(unreadable);
        if (problems.Count > 0 && !validRowsOnly)
        {
            return new ImportResult(rows, 0, 0, false, problems);
        }
        var (imported, refused) = await responses.ImportAsync(valid, cancellationToken);
        switch (refused)
        {
            case SubmissionRefusal.PanelCodeTaken:
                return new ImportResult(rows, 0, 0, false, [new ImportProblem(1, "panel_code",
                    "A panel code in this file answered the survey while it was being imported; nothing was imported. Import it again.")]);
            case SubmissionRefusal.SurveyClosed:
                return new ImportResult(rows, 0, 0, false, [new ImportProblem(1, null,
                    "The survey closed while this file was being imported; nothing was imported.")]);
        }
        if (csv.CanSeek)
        {
            progress?.Report(csv.Length);
        }
        return new ImportResult(rows, imported, valid.Count - imported, true, problems);
    }

    /// <summary>The next row; CSV so broken that the reader cannot go on ends the file with a problem on its line.</summary>
    private static async Task<bool> ReadAsync(CsvReader reader, long line, List<ImportProblem> unreadable)
    {
        try
        {
            return await reader.ReadAsync();
        }
        catch (CsvHelperException)
        {
            unreadable.Add(new ImportProblem(reader.Parser.RawRow > 0 ? reader.Parser.RawRow : line, null, "The file is not readable as CSV from this line on."));
            return false;
        }
    }

    private static List<ImportProblem> CheckHeader(string[] header, SurveyInstrument instrument)
    {
        var problems = new List<ImportProblem>();
        foreach (var required in new[] { "circle", "stakeholder_group" }.Where(r => !header.Contains(r)))
        {
            problems.Add(new ImportProblem(1, required, $"Missing column '{required}'."));
        }
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length > 0 && Array.IndexOf(header, header[i]) != i)
            {
                problems.Add(new ImportProblem(1, header[i], $"Column '{header[i]}' appears twice."));
            }
            else if (header[i].Length > 0 && !Fixed.Contains(header[i]) && instrument.FindItem(header[i]) is null)
            {
                problems.Add(new ImportProblem(1, header[i], $"'{header[i]}' is not an item of {instrument.Id} version {instrument.Version} (check the spelling)."));
            }
        }
        return problems;
    }

    private const string MissingAnswerHint = " In the file, leave the cell empty for no answer, or write NA for not applicable.";

    /// <summary>
    /// A row without a form id is known by its content (circle, group, mode, panel code and every answer) and by how
    /// many rows with the same content came before it in the file: importing the file again after correcting its bad
    /// lines finds every good line already stored, while two people who answered alike are still two responses.
    /// </summary>
    private static string RowKey(SubmitResponseRequest request, SurveyInstrument instrument, Dictionary<string, int> sameRows)
    {
        var content = string.Join("\u001f", new[] { request.CircleId, request.StakeholderGroup, request.CompletionMode, request.PanelCode ?? "" }
            .Concat(instrument.Items.Select(i => request.Answers.TryGetValue(i.Id, out var v) ? v?.ToString(CultureInfo.InvariantCulture) ?? "NA" : "")));
        var hash = Digest.Sha256Hex(content);
        var occurrence = sameRows[hash] = sameRows.GetValueOrDefault(hash) + 1;
        return $"row:{hash}#{occurrence.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string? ColumnOf(string field) => field switch
    {
        "circleId" => "circle",
        "stakeholderGroup" => "stakeholder_group",
        "completionMode" => "completion_mode",
        "answers" => null,
        _ when field.StartsWith("answers.", StringComparison.Ordinal) => field["answers.".Length..],
        _ => field,
    };
}
