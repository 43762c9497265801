using Microsoft.Playwright;

namespace Evaluation.Reporting.Tests;

/// <summary>
/// The funder report and a circle's dashboard as people read them on screen, a circle lead on a phone (320 CSS px)
/// and an evaluator at a desk (1280 px), in English and Welsh: no WCAG 2.2 A/AA violation and nothing wider than the
/// screen. The fixture has every section (earlier wave, same people, trend, capacity, a suppressed circle).
/// Screenshots go to the test output folder (<see cref="RepositoryPaths.TestOutput"/>), under reports/.
/// </summary>
public sealed class ReportBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly string Screenshots = Path.Combine(RepositoryPaths.TestOutput, "reports");

    public static TheoryData<string, int> LanguagesAndWidths() => new() { { "en", 320 }, { "cy", 320 }, { "en", 1280 }, { "cy", 1280 } };

    private async Task<IReadOnlyList<string>> CheckAsync(string html, int width, string name)
    {
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = 900 },
            BypassCSP = true, // only so that axe can be added; the pages run no script of their own
        });
        var page = await context.NewPageAsync();
        await page.SetContentAsync(html);
        return await PageCheck.CheckAsync(page, Screenshots, name);
    }

    [Theory]
    [MemberData(nameof(LanguagesAndWidths))]
    public async Task Report_OnScreen_HasNoAccessibilityViolation_AndFitsTheScreen(string language, int width)
    {
        await using var renderer = new ReportRenderer();
        var html = await renderer.RenderAsync(ReportBuilder.Build(ReportModelGoldenTests.FullInput(language)));

        var problems = await CheckAsync(html, width, $"report.{language}.{width}");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(LanguagesAndWidths))]
    public async Task Dashboards_OfALargeAndASuppressedCircle_HaveNoAccessibilityViolation_AndFitTheScreen(string language, int width)
    {
        await using var renderer = new ReportRenderer();
        var problems = new List<string>();
        foreach (var circle in new[] { "north", "east" })
        {
            var html = await renderer.RenderAsync(ReportBuilder.BuildDashboard(ReportModelGoldenTests.FullInput(language), circle));
            problems.AddRange(await CheckAsync(html, width, $"dashboard.{circle}.{language}.{width}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
