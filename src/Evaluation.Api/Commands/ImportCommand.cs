using Evaluation.Api.Responses;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Spectre.Console;

namespace Evaluation.Api.Commands;

/// <summary><c>import</c>: paper responses from a CSV file into an open survey, with a progress bar on a terminal.</summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string surveyId, FileInfo file, bool validRowsOnly, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        if (await services.GetRequiredService<SurveyStore>().FindAsync(surveyId, cancellationToken) is not { } survey)
        {
            await Console.Error.WriteLineAsync($"There is no survey '{surveyId}'.");
            return 2;
        }
        var today = services.GetRequiredService<Evaluation.Api.Hosting.Calendar>().Today();
        if (!survey.AcceptsResponsesOn(today))
        {
            await Console.Error.WriteLineAsync($"'{survey.Title}' is {survey.Status.ToString().ToLowerInvariant()} and runs {survey.OpensOn:yyyy-MM-dd} to {survey.ClosesOn:yyyy-MM-dd}: responses can be imported only while it is open.");
            return 2;
        }
        var instrument = services.GetRequiredService<InstrumentCatalog>().FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!.Content;
        var responses = services.GetRequiredService<ResponseStore>();
        var panels = services.GetRequiredService<Panels.PanelKeys>();
        await using var stream = file.OpenRead();
        ImportResult result;
        if (console.Profile.Capabilities.Interactive && !Console.IsErrorRedirected)
        {
            result = await console.Progress().AutoClear(false).StartAsync(async context =>
            {
                var task = context.AddTask($"Importing {file.Name}", maxValue: Math.Max(1, stream.Length));
                return await PaperImport.RunAsync(stream, survey, instrument, responses, panels, today, validRowsOnly,
                    new Progress<long>(position => task.Value = position), cancellationToken);
            });
        }
        else
        {
            result = await PaperImport.RunAsync(stream, survey, instrument, responses, panels, today, validRowsOnly, null, cancellationToken);
        }

        foreach (var problem in result.Rejected)
        {
            await Console.Error.WriteLineAsync($"{file.Name}, line {problem.Line}{(problem.Column is null ? "" : $", {problem.Column}")}: {problem.Reason}");
        }
        if (!result.Applied)
        {
            await Console.Error.WriteLineAsync($"Nothing imported: {result.Rejected.Select(p => p.Line).Distinct().Count()} of {result.Rows} rows are bad. Fix them, or use --valid-rows-only.");
            return 1;
        }
        Console.WriteLine($"{result.Imported} imported, {result.AlreadyImported} already imported earlier, {result.Rejected.Select(p => p.Line).Distinct().Count()} rejected, of {result.Rows} rows.");
        return 0;
    }
}
