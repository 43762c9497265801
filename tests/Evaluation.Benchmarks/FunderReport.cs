using System.Diagnostics;
using System.Net.Http.Headers;
using Evaluation.Api.Hosting;
using Evaluation.Api.Organisations;
using Evaluation.Api.Reports;
using Evaluation.Api.Responses;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Reporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// 5. The funder report at size: an organisation with 50 circles and 4 closed waves of N responses each (shipped
/// instrument, five groups), each closed through the API (which scores it and keeps its scores). Releases the waves
/// in order as the at-close schedule would and times the latest release end to end (read the kept scores, compare,
/// render, print, store) against Chromium printing the same HTML alone, with the process's peak memory; then
/// every circle's dashboard through HTTP, first reading (rendered and frozen) and later readings, as p50 and p95; last,
/// the latest wave's report HTML when no scores are kept (cold: all four waves read and scored).
/// </summary>
internal static class FunderReport
{
    private const int Circles = 50;
    private const int Waves = 4;

    public static async Task<int> RunAsync(int perWave)
    {
        var folder = Directory.CreateTempSubdirectory("evaluation-bench-report-").FullName;
        try
        {
            await using var app = EvaluationHost.Build([
                "--Evaluation:InstrumentsPath=instruments", $"--Evaluation:Storage:DatabasePath={Path.Combine(folder, "report.db")}",
                "--Logging:LogLevel:Default=Warning", "--urls=http://127.0.0.1:0"]);
            await app.StartAsync();
            var services = app.Services;
            var today = services.GetRequiredService<Calendar>().Today();
            var instrument = services.GetRequiredService<InstrumentCatalog>().FindSurvey("social-climate", "1")!;
            var organisations = services.GetRequiredService<OrganisationStore>();
            var organisation = await organisations.CreateAsync("Federation (benchmark)", today, CancellationToken.None);
            var circles = new List<string>();
            for (var c = 0; c < Circles; c++)
            {
                circles.Add((await organisations.AddCircleAsync(organisation.Id, $"Circle {c + 1:00}", null, null, today, CancellationToken.None)).Circle!.Id);
            }
            var groups = instrument.Content.StakeholderGroups.Select(g => g.Id).ToList();
            var surveys = services.GetRequiredService<SurveyStore>();
            var responses = services.GetRequiredService<ResponseStore>();
            var (_, secret) = await services.GetRequiredService<ApiKeyStore>().CreateAsync(new NewApiKey(Role.Admin, "bench", null, []), today,
                CancellationToken.None);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            var random = new Random(11);
            var fill = Stopwatch.StartNew();
            var close = new Stopwatch();
            var waves = new List<string>();
            for (var w = 0; w < Waves; w++)
            {
                var opens = today.AddDays(-90 * (Waves - w) - 30);
                var (_, id) = await surveys.CreateAsync(new NewSurvey(organisation.Id, instrument, $"Wave {w + 1}", opens, opens.AddDays(28), groups, circles),
                    opens, CancellationToken.None);
                await surveys.OpenAsync(id!, CancellationToken.None);
                var batch = new List<NewResponse>(10_000);
                for (var i = 0; i < perWave; i++)
                {
                    var group = groups[random.Next(groups.Count)];
                    var level = 2.6 + w * 0.1 + random.NextDouble();
                    var answers = instrument.Content.Items.Where(item => item.IsShownTo(group))
                        .ToDictionary(item => item.Id, _ => (int?)Math.Clamp((int)Math.Round(level + random.NextDouble() * 2 - 1), 1, 5));
                    batch.Add(new NewResponse(id!, "social-climate", "1", organisation.Id, circles[random.Next(Circles)], group, CompletionMode.Self, opens.AddDays(3), answers));
                    if (batch.Count == 10_000 || i == perWave - 1)
                    {
                        await responses.InsertAllAsync(batch, CancellationToken.None);
                        batch.Clear();
                    }
                }
                // Closed as an evaluator closes it, which scores the wave and keeps its scores.
                close.Restart();
                (await client.PostAsync($"/api/surveys/{id}/close", null)).EnsureSuccessStatusCode();
                close.Stop();
                waves.Add(id!);
            }
            var latest = waves[^1];
            Console.WriteLine($"report_fill {fill.Elapsed.TotalSeconds:0.000}");
            Console.WriteLine($"report_close {close.Elapsed.TotalSeconds:0.000}");

            // As the at-close schedule does: each wave released after it closed.
            var releaser = services.GetRequiredService<Release>();
            ReleaseOutcome outcome = null!;
            var release = new Stopwatch();
            foreach (var (wave, w) in waves.Select((wave, w) => (wave, w)))
            {
                release.Restart();
                outcome = await releaser.ReleaseAsync(wave, ["en"], CancellationToken.None);
                release.Stop();
                if (outcome.Refusal != ReleaseRefusal.None)
                {
                    Console.Error.WriteLine($"release refused: {outcome.Refusal} {outcome.Printing?.Problem}");
                    return 1;
                }
                Console.Error.WriteLine($"release of wave {w + 1}: {release.Elapsed.TotalSeconds:0.000}s");
            }
            Console.WriteLine($"report_release {release.Elapsed.TotalSeconds:0.000}");
            Console.WriteLine($"report_peak_mb {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576}");
            var html = await services.GetRequiredService<ReleaseStore>().HtmlAsync(outcome.Releases[0].Id, CancellationToken.None);
            var print = Stopwatch.StartNew();
            var pdf = await services.GetRequiredService<ChromiumPdfPrinter>().PrintAsync(html, CancellationToken.None);
            Console.WriteLine($"report_print_alone {print.Elapsed.TotalSeconds:0.000}");
            Console.WriteLine($"report_pages_bytes {pdf.Pdf?.Length ?? 0}");

            async Task<List<double>> ReadAllAsync()
            {
                var times = new List<double>();
                foreach (var circle in circles)
                {
                    var watch = Stopwatch.StartNew();
                    (await client.GetAsync($"/api/circles/{circle}/dashboard")).EnsureSuccessStatusCode();
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                return times;
            }
            var first = await ReadAllAsync();
            var later = await ReadAllAsync();
            Console.WriteLine($"dashboard_first_p50_ms {first[first.Count / 2]:0.0}");
            Console.WriteLine($"dashboard_first_p95_ms {first[(int)(first.Count * 0.95)]:0.0}");
            Console.WriteLine($"dashboard_later_p50_ms {later[later.Count / 2]:0.0}");
            Console.WriteLine($"dashboard_later_p95_ms {later[(int)(later.Count * 0.95)]:0.0}");
            // Cold: the latest wave's report when no wave's scores are kept (an organisation arriving with its
            // history): all four waves are read and scored.
            await using (var connection = await services.GetRequiredService<Evaluation.Api.Storage.Database>().OpenAsync(CancellationToken.None))
            {
                await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM wave_scores");
            }
            var reports = services.GetRequiredService<ReportMaker>();
            var scoring = services.GetRequiredService<Evaluation.Api.Scores.SurveyScoring>();
            var cold = Stopwatch.StartNew();
            await reports.RenderAsync((await scoring.ScoreAsync(latest, CancellationToken.None))!, "en", today, CancellationToken.None);
            Console.WriteLine($"report_html_cold {cold.Elapsed.TotalSeconds:0.000}");

            await app.StopAsync();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
