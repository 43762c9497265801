using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Evaluation.Api.Hosting;
using Evaluation.Api.Panels;
using Evaluation.Api.Responses;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Scoring;

namespace Evaluation.Api.Exports;

/// <summary>
/// A survey's data for analysis, as one ZIP: <c>responses.csv</c> (a row per response: ids, circle, group, mode,
/// day, item values, factor and domain scores), <c>codebook.csv</c> and <c>codebook.json</c>, <c>load.R</c> (reads
/// both with labels) and <c>README.txt</c>. Written to a temporary file that is deleted when the download ends.
/// Cells starting with = + - @ or a control character are escaped with a leading apostrophe (spreadsheet formula
/// injection); only the day of a response is kept; there is no token material to export.
/// </summary>
public static class ExportWriter
{
    private static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '@', '+', '-', '\t', '\r', '\n', '\0'],
    };

    public static async Task<Stream> WriteAsync(Survey survey, SurveyInstrument instrument, ResponseStore responses, PanelKeys panels, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"evaluation-export-{Guid.NewGuid():N}.zip");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                var pseudonymous = survey.Anonymity == AnonymityMode.Pseudonymous;
                var codebook = Codebook.For(instrument, pseudonymous);
                var snapshot = await responses.SnapshotAsync(survey.Id, cancellationToken);
                await WriteEntryAsync(zip, "responses.csv", writer => WriteResponsesAsync(writer, survey, instrument, responses, pseudonymous ? panels : null, cancellationToken));
                await WriteEntryAsync(zip, "codebook.csv", async writer =>
                {
                    await using var csv = new CsvWriter(writer, Csv, leaveOpen: true);
                    await csv.WriteRecordsAsync(codebook, cancellationToken);
                });
                await WriteEntryAsync(zip, "codebook.json", writer => writer.WriteAsync(JsonSerializer.Serialize(new
                {
                    survey = new { survey.Id, survey.Title, survey.OpensOn, survey.ClosesOn, instrument = survey.Instrument, anonymity = Kebab.Name(survey.Anonymity) },
                    variables = codebook,
                }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true })));
                await WriteEntryAsync(zip, "load.R", writer => writer.WriteAsync(LoadScript));
                await WriteEntryAsync(zip, "README.txt", writer => writer.WriteAsync(
                    $"""
                    {survey.Title} ({survey.OrganisationName}), {survey.OpensOn:yyyy-MM-dd} to {survey.ClosesOn:yyyy-MM-dd}
                    Instrument {survey.Instrument.Id} version {survey.Instrument.Version}; {Kebab.Name(survey.Anonymity)} survey.

                    responses.csv  one row per response; empty cells are missing (see codebook.csv)
                    codebook.csv   every column: kind, label, domain, factor, reverse keying, who was shown it, values
                    codebook.json  the same with the survey's details
                    load.R         source("load.R") in this folder gives a data frame `responses` with labels

                    Data snapshot: SHA-256 {snapshot.Sha256} of the {snapshot.Responses} responses as stored; a report made
                    from the same data quotes the same value.

                    This file holds answers of real people. Keep it where only the evaluation team can read it, and
                    never publish figures for fewer than 5 respondents.
                    """));
            }
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, Func<StreamWriter, Task> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await write(writer);
    }

    /// <param name="panels">For a pseudonymous survey: each response's panel id (the same person's in every wave), else null.</param>
    private static async Task WriteResponsesAsync(StreamWriter writer, Survey survey, SurveyInstrument instrument, ResponseStore responses,
        PanelKeys? panels, CancellationToken cancellationToken)
    {
        var items = instrument.Items.ToList();
        var itemIds = items.Select(i => i.Id).ToList();
        var factors = instrument.Domains.SelectMany(d => d.Factors).ToList();
        var circles = survey.Circles.ToDictionary(c => c.Id, c => c.Name);
        var plans = survey.StakeholderGroups.ToDictionary(g => g, g => new ScoringPlan(instrument, g, itemIds));
        var domainScores = new double[instrument.Domains.Count];
        var factorScores = new double[factors.Count];
        await using var csv = new CsvWriter(writer, Csv, leaveOpen: true);
        foreach (var name in new[] { "response_id", "circle_id", "circle", "stakeholder_group", "completion_mode", "submitted_on" }
            .Concat(panels is null ? [] : ["panel_id"])
            .Concat(itemIds).Concat(factors.Select(f => $"factor.{f.Id}")).Concat(instrument.Domains.Select(d => $"domain.{d.Id}"))
            .Concat(instrument.Domains.Select(d => $"comment.{d.Id}")))
        {
            csv.WriteField(name);
        }
        await csv.NextRecordAsync();
        await foreach (var response in responses.ReadForExportAsync(survey.Id, itemIds, cancellationToken))
        {
            csv.WriteField(response.Id);
            csv.WriteField(response.CircleId);
            csv.WriteField(circles.GetValueOrDefault(response.CircleId, ""));
            csv.WriteField(response.StakeholderGroup);
            csv.WriteField(Kebab.Name(response.CompletionMode));
            csv.WriteField(response.SubmittedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (panels is not null)
            {
                csv.WriteField(response.PanelKey is { } key ? panels.ExportIdOf(key) : "");
            }
            foreach (var value in response.Answers)
            {
                csv.WriteField(value == 0 ? "" : value.ToString(CultureInfo.InvariantCulture));
            }
            plans[response.StakeholderGroup].Score(response.Answers, domainScores, factorScores);
            foreach (var score in factorScores.Concat(domainScores))
            {
                csv.WriteField(double.IsNaN(score) ? "" : score.ToString("R", CultureInfo.InvariantCulture));
            }
            foreach (var domain in instrument.Domains)
            {
                csv.WriteField(response.Comments?.GetValueOrDefault(domain.Id) ?? "");
            }
            await csv.NextRecordAsync();
        }
    }

    /// <summary>Base R only: reads the data and codebook, applies variable labels and value labels.</summary>
    private const string LoadScript =
        """
        # Loads responses.csv with the labels from codebook.csv. Base R only; run from the export's folder.
        codebook <- read.csv("codebook.csv", stringsAsFactors = FALSE, encoding = "UTF-8")
        responses <- read.csv("responses.csv", stringsAsFactors = FALSE, encoding = "UTF-8", na.strings = "", check.names = FALSE)
        for (i in seq_len(nrow(codebook))) {
          name <- codebook$Name[i]
          if (name %in% names(responses)) attr(responses[[name]], "label") <- codebook$Label[i]
        }
        responses$stakeholder_group <- factor(responses$stakeholder_group)
        responses$completion_mode <- factor(responses$completion_mode,
          levels = c("self", "assisted", "proxy", "interviewer", "paper"))
        responses$submitted_on <- as.Date(responses$submitted_on)
        items <- codebook$Name[codebook$Kind == "item"]
        reverse_keyed <- codebook$Name[codebook$Kind == "item" & codebook$Reverse %in% c("True", "TRUE", "true")]
        cat(sprintf("%d responses, %d items (%d reverse-keyed), %d factor and %d domain scores\n",
          nrow(responses), length(items), length(reverse_keyed),
          sum(codebook$Kind == "factor-score"), sum(codebook$Kind == "domain-score")))
        """;
}
