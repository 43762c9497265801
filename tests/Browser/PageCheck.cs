using System.Text.Json;
using Microsoft.Playwright;

namespace Evaluation.Tests;

/// <summary>
/// What every page must pass in a real browser, whoever reads it: axe-core finds no WCAG 2.0–2.2 A/AA violation and
/// nothing scrolls sideways at the page's width. Each check leaves a full-page screenshot to look at. Test projects
/// with pages compile this folder in (see Evaluation.Form.Tests.csproj); tests/run.sh installs axe-core.
/// </summary>
public static class PageCheck
{
    private static readonly Lazy<string> Axe = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Browser", "axe", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException("axe-core is not installed: run `npm ci --prefix tests/Browser/axe` (tests/run.sh does).", path);
    });

    /// <summary>Debian's Chromium, headless, with the flags this closed network needs (EVALUATION_CHROMIUM overrides the path).</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("EVALUATION_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync"],
    });

    /// <summary>
    /// The problems found on the page as it is now, each starting with <paramref name="name"/>; the screenshot goes to
    /// <paramref name="folder"/>/<paramref name="name"/>.png. Pages that run no script of their own need a context
    /// with BypassCSP so that axe can be added.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(IPage page, string folder, string name)
    {
        await page.AddScriptTagAsync(new() { Content = Axe.Value });
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }))
                .violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
            """);
        var problems = violations.EnumerateArray().Select(v => $"{name}: {v.GetString()}").ToList();
        var (scrollWidth, clientWidth) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"),
            await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
        if (scrollWidth > clientWidth)
        {
            problems.Add($"{name}: scrolls sideways at {clientWidth} px (content {scrollWidth} px wide)");
        }
        var screenshot = Path.Combine(folder, $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        return problems;
    }
}
