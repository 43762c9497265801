using System.Text.Json;
using Microsoft.Playwright;

namespace Evaluation.Form.Tests;

/// <summary>
/// The respondent form in a real browser: axe-core finds no WCAG 2.2 A/AA violation on any page state in either
/// language, nothing scrolls sideways at 320 CSS px, and a keyboard alone completes a survey with focus always visible.
/// Screenshots of every state go to <see cref="FormHost.Screenshots"/>.
/// </summary>
public sealed class FormBrowserTests(FormHost host) : IClassFixture<FormHost>
{
    private Task<IBrowserContext> NewContextAsync(int width = 320, ForcedColors forcedColors = ForcedColors.None) =>
        host.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = 720 },
            BypassCSP = true, // only so the test can add axe-core to the page; the service's own pages run no script
            ForcedColors = forcedColors,
            ReducedMotion = ReducedMotion.Reduce,
        });

    private static Task<IReadOnlyList<string>> CheckAsync(IPage page, string language, string state) =>
        PageCheck.CheckAsync(page, FormHost.Screenshots, $"{language}/{state}");

    [Theory]
    [InlineData("en")]
    [InlineData("cy")]
    public async Task EveryPageState_HasNoAccessibilityViolation_AndFitsA320PixelScreen(string language)
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        async Task Check(string state) => problems.AddRange(await CheckAsync(page, language, state));

        await page.GotoAsync($"{host.BaseUrl}/r");
        if (language == "cy")
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Cymraeg" }).ClickAsync();
        }
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await Check("01-code");
        await page.FillAsync("#code", "NOT-A-CODE");
        await page.ClickAsync("button.primary");
        await Check("02-code-error");
        await page.GotoAsync($"{host.BaseUrl}/r/00000000000000000000000000000000");
        await Check("03-link-unknown");
        await page.GotoAsync($"{host.BaseUrl}/r/{host.ClosedSurveyToken}");
        await Check("04-link-closed");
        await page.GotoAsync($"{host.BaseUrl}/r/{host.DraftSurveyToken}");
        await Check("05-link-not-yet-open");
        await page.GotoAsync($"{host.BaseUrl}/form/welcome");
        await Check("06-session-ended");

        var link = await host.InvitationLinkAsync();
        await page.GotoAsync(link);
        Assert.EndsWith("/form/welcome", page.Url, StringComparison.Ordinal); // the token has left the address bar
        await Check("07-welcome");
        await page.ClickAsync("button.primary");
        await Check("08-questions");
        while (page.Url.Contains("/form/page/", StringComparison.Ordinal))
        {
            foreach (var radio in await page.Locator(".option:first-child label").AllAsync())
            {
                await radio.ClickAsync();
            }
            await page.ClickAsync("button[value=next]");
        }
        Assert.EndsWith("/form/comments", page.Url, StringComparison.Ordinal);
        await Check("09-comments");
        await page.FillAsync("#comment-growth", new string('x', 2001));
        await page.ClickAsync("button[value=next]");
        await Check("10-comments-error");
        await page.FillAsync("#comment-growth", language == "cy" ? "Mwy o hyfforddiant, os gwelwch yn dda." : "More training, please.");
        await page.ClickAsync("button[value=next]");
        await Check("11-help");
        await page.ClickAsync("label[for=mode-assisted]");
        await page.ClickAsync("button[value=next]");
        await Check("12-review");
        await page.ClickAsync("button[value=save]");
        await Check("13-saved");
        await page.GotoAsync($"{host.BaseUrl}/form/review");
        await page.ClickAsync("button[value=next]");
        await Check("14-thanks");
        var receipt = await page.InnerTextAsync(".code");
        await page.GotoAsync(link);
        await Check("15-link-used");
        await page.GotoAsync($"{host.BaseUrl}/withdraw");
        await Check("16-withdraw");
        await page.FillAsync("#receiptCode", "AAAA-BBBB-CCCC-DDDD");
        await page.ClickAsync("button.primary");
        await Check("17-withdraw-error");
        await page.FillAsync("#receiptCode", receipt);
        await page.ClickAsync("button.primary");
        await Check("18-withdrawn");

        await page.GotoAsync(await host.InvitationLinkAsync("drawing-on-care"));
        await page.GotoAsync($"{host.BaseUrl}/form/review");
        await page.ClickAsync("button[value=next]");
        await Check("19-review-error");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task InHighContrastModeAndAt200PercentZoom_TheQuestionsStayUsable()
    {
        await using var context = await NewContextAsync(width: 640, forcedColors: ForcedColors.Active); // 1280 px at 200 %
        var page = await context.NewPageAsync();
        await page.GotoAsync(await host.InvitationLinkAsync());
        await page.ClickAsync("button.primary");
        await page.ClickAsync(".option:first-child label");

        var problems = await CheckAsync(page, "en", "20-questions-forced-colours-640px");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(await page.IsCheckedAsync(".option:first-child input"));
    }

    [Fact]
    public async Task TheKeyboardAlone_CompletesASurvey_WithFocusAlwaysVisible()
    {
        await using var context = await NewContextAsync(width: 1024);
        var page = await context.NewPageAsync();
        await page.GotoAsync(await host.InvitationLinkAsync());
        var invisibleFocus = new List<string>();

        for (var presses = 0; presses < 600 && !await page.IsVisibleAsync(".panel .code"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<JsonElement>(
                """
                () => {
                  const e = document.activeElement;
                  const style = getComputedStyle(e), label = e.id ? document.querySelector(`label[for="${e.id}"]`) : null;
                  const shown = s => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none';
                  return { tag: e.tagName, type: e.type || '', value: e.value || '', checked: !!e.checked, id: e.id,
                           visible: shown(style) || (label !== null && shown(getComputedStyle(label))) };
                }
                """);
            var (tag, type, value) = (focused.GetProperty("tag").GetString(), focused.GetProperty("type").GetString(), focused.GetProperty("value").GetString());
            if (tag != "BODY" && !focused.GetProperty("visible").GetBoolean())
            {
                invisibleFocus.Add($"{page.Url}: {tag} #{focused.GetProperty("id").GetString()}");
            }
            if (type == "radio" && !focused.GetProperty("checked").GetBoolean())
            {
                await page.Keyboard.PressAsync("Space"); // choose the answer the focus landed on
            }
            else if (tag == "TEXTAREA")
            {
                await page.Keyboard.TypeAsync("Typed without a mouse.");
            }
            else if (tag == "BUTTON" && value == "next")
            {
                // The post answers with a page or a redirect to one: wait until that page has replaced this one and is
                // parsed before tabbing on. (Waiting for the response and then for the load state missed the state once,
                // on a busy machine, and hung: the page itself is asked instead.)
                await page.EvaluateAsync("() => { window.leaving = true; }");
                await page.Keyboard.PressAsync("Enter");
                await page.WaitForFunctionAsync("() => window.leaving === undefined && document.readyState !== 'loading'");
            }
        }

        Assert.True(await page.IsVisibleAsync(".panel .code"), $"the keyboard run did not reach the receipt; it stopped at {page.Url}");
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", await page.InnerTextAsync(".panel .code"));
        Assert.True(invisibleFocus.Count == 0, "focus not visible on: " + string.Join(", ", invisibleFocus.Distinct()));
    }
}
