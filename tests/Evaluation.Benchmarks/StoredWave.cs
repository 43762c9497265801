using System.Diagnostics;
using System.Text.Json;
using Evaluation.Api.Commands;
using Evaluation.Api.Hosting;
using Evaluation.Api.Responses;
using Evaluation.Api.Scores;
using Evaluation.Api.Storage;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// 4. Scores for a stored wave: the demo's synthetic co-op with N responses (shipped instrument, 36 items, five
/// groups) in a fresh SQLite file, scored by the service's own path (read, score, reliability, breakdowns, JSON)
/// against a plain SQL aggregation of the same data (count and mean of every item, inside SQLite).
/// Each is run twice and the second, warm, run is reported, as a running service would see it.
/// </summary>
internal static class StoredWave
{
    private const string ItemMeansInSql =
        """
        SELECT j.key, count(j.value), avg(j.value)
        FROM responses r, json_each(r.answers) j
        WHERE r.survey_id = @surveyId
        GROUP BY j.key
        """;

    public static async Task<int> RunAsync(int n)
    {
        var folder = Directory.CreateTempSubdirectory("evaluation-bench-wave-").FullName;
        try
        {
            await using var app = EvaluationHost.Build([
                "--Evaluation:InstrumentsPath=instruments", $"--Evaluation:Storage:DatabasePath={Path.Combine(folder, "wave.db")}",
                "--Logging:LogLevel:Default=Warning", "--urls=http://127.0.0.1:0"]);
            await app.Services.GetRequiredService<StartupTasks>().StartAsync(CancellationToken.None);
            var fill = Stopwatch.StartNew();
            await DemoData.CreateAsync(app.Services, n, seed: 7, TextWriter.Null, CancellationToken.None, withEarlierWave: false);
            fill.Stop();
            Console.WriteLine($"stored_fill {fill.Elapsed.TotalSeconds:0.000}");
            Console.WriteLine($"stored_file_mb {new FileInfo(Path.Combine(folder, "wave.db")).Length / 1048576}");

            var database = app.Services.GetRequiredService<Database>();
            string surveyId;
            await using (var connection = await database.OpenAsync(CancellationToken.None))
            await using (var find = connection.CreateCommand())
            {
                find.CommandText = "SELECT id FROM surveys";
                surveyId = (string)(await find.ExecuteScalarAsync())!;
            }

            double sql = 0;
            for (var run = 0; run < 2; run++)
            {
                var watch = Stopwatch.StartNew();
                await using var connection = await database.OpenAsync(CancellationToken.None);
                await using var command = connection.CreateCommand();
                command.CommandText = ItemMeansInSql;
                command.AddParameter("@surveyId", surveyId);
                await using var reader = await command.ExecuteReaderAsync();
                double check = 0;
                while (await reader.ReadAsync())
                {
                    check += reader.GetDouble(2);
                }
                sql = watch.Elapsed.TotalSeconds;
                Console.Error.WriteLine($"sql run {run + 1}: {sql:0.000}s (sum of item means {check:0.###})");
            }

            var survey = (await app.Services.GetRequiredService<SurveyStore>().FindAsync(surveyId, CancellationToken.None))!;
            var instrument = app.Services.GetRequiredService<InstrumentCatalog>().FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!.Content;
            var responses = app.Services.GetRequiredService<ResponseStore>();
            var scoring = app.Services.GetRequiredService<SurveyScoring>();
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            EvaluationHost.ConfigureJson(json);
            double load = 0, engine = 0;
            for (var run = 0; run < 2; run++)
            {
                var watch = Stopwatch.StartNew();
                var (matrix, _) = await responses.LoadForScoringAsync(survey, instrument, CancellationToken.None);
                load = watch.Elapsed.TotalSeconds;
                watch.Restart();
                var scored = (await scoring.ScoreAsync(surveyId, CancellationToken.None))!;
                await JsonSerializer.SerializeAsync(Stream.Null, scored.Scores, json);
                engine = watch.Elapsed.TotalSeconds;
                Console.Error.WriteLine($"engine run {run + 1}: read alone {load:0.000}s, read + score + JSON {engine:0.000}s ({matrix.Count} responses)");
            }
            Console.WriteLine($"stored_sql {sql:0.000}");
            Console.WriteLine($"stored_read {load:0.000}");
            Console.WriteLine($"stored_engine {engine:0.000}");
            Console.WriteLine($"stored_peak_mb {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
