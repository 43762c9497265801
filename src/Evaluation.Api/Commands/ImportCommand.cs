using Evaluation.Api.Hosting;
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
        var import = services.GetRequiredService<Import>();
        await using var stream = file.OpenRead();
        ImportOutcome outcome;
        if (console.Profile.Capabilities.Interactive && !Console.IsErrorRedirected)
        {
            outcome = await console.Progress().AutoClear(false).StartAsync(async context =>
            {
                var task = context.AddTask($"Importing {file.Name}", maxValue: Math.Max(1, stream.Length));
                return await import.RunAsync(new ImportRequest(survey, stream, validRowsOnly, new Progress<long>(position => task.Value = position)),
                    cancellationToken);
            });
        }
        else
        {
            outcome = await import.RunAsync(new ImportRequest(survey, stream, validRowsOnly), cancellationToken);
        }
        if (outcome.Result is not { } result)
        {
            await Console.Error.WriteLineAsync($"'{survey.Title}' is {Kebab.Name(survey.Status)} and runs {survey.OpensOn:yyyy-MM-dd} to {survey.ClosesOn:yyyy-MM-dd}: responses can be imported only while it is open.");
            return 2;
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
