using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Evaluation.Form;

namespace Evaluation.Api.Tests;

/// <summary>The respondent form over HTTP, as a browser without script uses it (the browser tests drive a real one).</summary>
public class FormTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    private async Task<(ApiScenario Scenario, string Token)> InvitedAsync(string group = "care-worker")
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        return (scenario, await factory.InviteAsync(scenario.SurveyId, scenario.NorthCircleId, group));
    }

    /// <summary>Answers every question page with <paramref name="value"/> ("na" for not applicable) and returns the page count.</summary>
    private static async Task<int> AnswerAllPagesAsync(FormBrowser browser, string value)
    {
        var pages = 0;
        var path = await browser.PostAsync("/form/welcome", ("action", "next"));
        while (path.StartsWith("/form/page/", StringComparison.Ordinal))
        {
            var items = System.Text.RegularExpressions.Regex.Matches(browser.Html, "name=\"(item-[^\"]+)\"").Select(m => m.Groups[1].Value).Distinct();
            path = await browser.PostAsync(path, [.. items.Select(name => (name, value)), ("action", "next")]);
            pages++;
        }
        return pages;
    }

    [Fact]
    public async Task ACompleteSurvey_IsStoredAndScoredLikeAnyOther_AndTheLinkIsUsedUp()
    {
        var (scenario, token) = await InvitedAsync();
        var browser = new FormBrowser(factory);

        Assert.Equal("/form/welcome", await browser.OpenAsync($"/r/{token}"));
        Assert.Equal(6, await AnswerAllPagesAsync(browser, "4"));
        Assert.Equal("/form/help", await browser.PostAsync("/form/comments", ("comment-growth", "  More training please.  "), ("action", "next")));
        Assert.Equal("/form/review", await browser.PostAsync("/form/help", ("mode", "assisted"), ("action", "next")));
        Assert.Contains("More training please.", browser.Html, StringComparison.Ordinal);
        await browser.PostAsync("/form/review", ("submission", browser.Field("submission")), ("action", "next"));

        Assert.Equal(HttpStatusCode.OK, browser.Status);
        var receipt = browser.TextOf("code");
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", receipt);
        Assert.Contains(browser.CookieHeaders, c => c.StartsWith("__Host-evaluation-form=;", StringComparison.Ordinal)); // the session cookie goes
        await using (var connection = await factory.OpenDatabaseAsync())
        {
            var row = await connection.QuerySingleAsync<(string Mode, string Comments, string Circle)>(
                "SELECT completion_mode, comments, circle_id FROM responses WHERE survey_id = @SurveyId", scenario);
            Assert.Equal(("assisted", scenario.NorthCircleId), (row.Mode, row.Circle));
            Assert.Equal("More training please.", JsonNode.Parse(row.Comments)!["growth"]!.GetValue<string>());
        }
        Assert.Equal(0, await factory.CountAsync("form_sessions", $"survey_id = '{scenario.SurveyId}'"));
        for (var i = 0; i < 4; i++) // 5 in all: enough to be released
        {
            var other = new FormBrowser(factory);
            await other.OpenAsync($"/r/{await factory.InviteAsync(scenario.SurveyId, scenario.NorthCircleId, "care-worker")}");
            await AnswerAllPagesAsync(other, "4");
            await other.OpenAsync("/form/review");
            await other.PostAsync("/form/review", ("submission", other.Field("submission")), ("action", "next"));
        }
        var scores = (await scenario.Client.GetFromJsonAsync<JsonObject>($"/api/surveys/{scenario.SurveyId}/scores"))!;
        Assert.Equal(5, scores["responses"]!.GetValue<int>());
        Assert.All(scores["domains"]!.AsArray(), domain => Assert.Equal(5, domain!["overall"]!["n"]!.GetValue<int>()));

        var again = new FormBrowser(factory);
        await again.OpenAsync($"/r/{token}");
        Assert.Equal(HttpStatusCode.Gone, again.Status);
        Assert.Equal("This invitation has been used", again.Heading);
    }

    [Fact]
    public async Task TheTokenLeavesTheAddressBar_AndEveryPageSendsTheProtectiveHeaders()
    {
        var (_, token) = await InvitedAsync();
        var browser = new FormBrowser(factory);
        await browser.OpenAsync("/r");
        var first = await new FormBrowser(factory).OpenAsync($"/r/{token}");

        Assert.Equal("/form/welcome", first);
        var opened = await factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
        }).GetAsync($"/r/{token}");
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        Assert.Equal("/form/welcome", opened.Headers.Location!.ToString());
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        foreach (var response in new[] { opened, browser.Last })
        {
            Assert.Equal("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain("<script", browser.Html, StringComparison.OrdinalIgnoreCase);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(browser.Html) < 50_000);
    }

    [Fact]
    public async Task BackAndNext_KeepAnswers_AndSaveForLater_ResumesInAnotherBrowserWithTheCode()
    {
        var (_, token) = await InvitedAsync();
        var browser = new FormBrowser(factory);
        await browser.OpenAsync($"/r/{token}");
        await browser.PostAsync("/form/welcome", ("action", "next"));
        await browser.PostAsync("/form/page/1", ("item-learning-access-1", "2"), ("item-learning-access-2", "na"), ("action", "next"));
        Assert.Equal("/form/page/1", await browser.PostAsync("/form/page/2", ("action", "back")));
        Assert.Contains("id=\"learning-access-1-2\" name=\"item-learning-access-1\" value=\"2\" checked", browser.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"learning-access-2-na\" name=\"item-learning-access-2\" value=\"na\" checked", browser.Html, StringComparison.Ordinal);

        await browser.PostAsync("/form/page/1", ("item-learning-access-1", "5"), ("item-learning-access-2", "na"), ("action", "save"));
        Assert.Equal("Your answers are saved", browser.Heading);
        var code = browser.TextOf("code");

        var phone = new FormBrowser(factory);
        Assert.Equal("/form/welcome", await phone.PostToCodePageAsync(code));
        Assert.Contains("Continue where you left off", phone.Html, StringComparison.Ordinal);
        await phone.OpenAsync("/form/page/1");
        Assert.Contains("id=\"learning-access-1-5\" name=\"item-learning-access-1\" value=\"5\" checked", phone.Html, StringComparison.Ordinal);
        await browser.OpenAsync("/form/page/1"); // the first browser's session moved to the phone
        Assert.Equal(HttpStatusCode.Gone, browser.Status);
    }

    [Fact]
    public async Task ProblemsAreShownInTheRespondentsLanguage_LinkedToTheField_AndChangeNothing()
    {
        var (_, token) = await InvitedAsync();
        var browser = new FormBrowser(factory);
        await browser.OpenAsync($"/r/{token}");
        Assert.Equal("/form/welcome", await browser.PostAsync("/form/language", ("language", "cy"), ("return", "/form/welcome")));
        Assert.Contains("<html lang=\"cy\">", browser.Html, StringComparison.Ordinal);
        await browser.OpenAsync("/form/comments"); // remembered for the session

        await browser.PostAsync("/form/comments", ("comment-wellbeing", new string('x', 2001)), ("action", "next"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, browser.Status);
        Assert.Contains("<title>Gwall: ", browser.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#comment-wellbeing\">", browser.Html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", browser.Html, StringComparison.Ordinal);
        await browser.OpenAsync("/form/review");
        await browser.PostAsync("/form/review", ("submission", browser.Field("submission")), ("action", "next"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, browser.Status); // nothing answered yet
        Assert.Contains("<a href=\"#answers\">", browser.Html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.CountAsync("responses", $"completion_mode = 'self' AND comments IS NOT NULL"));
        Assert.Equal(0, await factory.CountAsync("form_sessions", "state LIKE '%xxxxxxxx%'"));
    }

    /// <summary>On a pseudonymous wave a mistyped panel code is shown back with what to do, in the page's language, and nothing is sent.</summary>
    [Fact]
    public async Task AMistypedPanelCode_IsShownBackWithWhatToDo_AndTheRightOneIsStored()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var wave = (await ApiScenario.CreateWaveAsync(scenario.Client, scenario.OrganisationId, scenario.NorthCircleId, "Panel wave", "2026-10-01",
            ["care-worker"], "pseudonymous"))["id"]!.GetValue<string>();
        var browser = new FormBrowser(factory);
        await browser.OpenAsync($"/r/{await factory.InviteAsync(wave, scenario.NorthCircleId, "care-worker")}");
        await browser.PostAsync("/form/language", ("language", "cy"), ("return", "/form/welcome"));
        await AnswerAllPagesAsync(browser, "4");
        await browser.OpenAsync("/form/review");
        var code = Evaluation.Api.Panels.PanelCode.New();
        var swapped = code[5] == code[6] ? (code[0] == '7' ? "8" : "7") + code[1..] : code[..5] + code[6] + code[5] + code[7..];

        await browser.PostAsync("/form/review", ("submission", browser.Field("submission")), ("panelCode", swapped), ("action", "next"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, browser.Status);
        Assert.Contains("Nid yw'r cod hwn yn cyfateb i gerdyn panel", System.Net.WebUtility.HtmlDecode(browser.Html), StringComparison.Ordinal);
        Assert.Contains($"value=\"{swapped}\"", browser.Html, StringComparison.Ordinal); // shown back to correct, not retyped
        Assert.Equal(0, await factory.CountAsync("responses", $"survey_id = '{wave}'"));

        await browser.PostAsync("/form/review", ("submission", browser.Field("submission")), ("panelCode", code), ("action", "next"));
        Assert.Equal(HttpStatusCode.OK, browser.Status);
        Assert.Equal(1, await factory.CountAsync("panel_memberships", $"survey_id = '{wave}'"));
    }

    [Fact]
    public async Task APostWithoutItsAntiforgeryToken_IsRefusedKindly_AndChangesNothing()
    {
        var (_, token) = await InvitedAsync();
        var browser = new FormBrowser(factory);
        await browser.OpenAsync($"/r/{token}");
        var forged = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        var refused = await forged.PostAsync("/withdraw", new FormUrlEncodedContent([new("receiptCode", "AAAA-BBBB-CCCC-DDDD")]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Please try again", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendingTwice_GivesTheSameReceipt_AndStoresOneResponse()
    {
        var (scenario, token) = await InvitedAsync();
        var browser = new FormBrowser(factory);
        await browser.OpenAsync($"/r/{token}");
        await AnswerAllPagesAsync(browser, "3");
        await browser.OpenAsync("/form/review");
        var submission = browser.Field("submission");
        var antiforgery = browser.Field("__af");

        await browser.PostAsync("/form/review", ("submission", submission), ("action", "next"));
        var first = browser.TextOf("code");
        var twice = await browser.PostWithTokenAsync("/form/review", antiforgery, ("submission", submission), ("action", "next"));

        Assert.Equal(HttpStatusCode.OK, twice);
        Assert.Equal(first, browser.TextOf("code"));
        Assert.Equal(1, await factory.CountAsync("responses", $"survey_id = '{scenario.SurveyId}'"));
    }

    [Fact]
    public async Task ARespondentWithdraws_WithTheirReceipt_OnTheWithdrawalPage()
    {
        var (scenario, token) = await InvitedAsync("drawing-on-care");
        var browser = new FormBrowser(factory);
        await browser.OpenAsync($"/r/{token}");
        await AnswerAllPagesAsync(browser, "5");
        await browser.OpenAsync("/form/review");
        await browser.PostAsync("/form/review", ("submission", browser.Field("submission")), ("action", "next"));
        var receipt = browser.TextOf("code");

        await browser.OpenAsync("/withdraw");
        await browser.PostAsync("/withdraw", ("receiptCode", "NOPE-NOPE-NOPE-NOPE"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, browser.Status);
        await browser.PostAsync("/withdraw", ("receiptCode", receipt.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)));

        Assert.Equal("Your answers have been deleted", browser.Heading);
        Assert.Equal(0, await factory.CountAsync("responses", $"survey_id = '{scenario.SurveyId}'"));
    }

    [Fact]
    public async Task UnknownUsedClosedAndNotYetOpenLinks_GetKindPages()
    {
        var client = await factory.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(client);
        var browser = new FormBrowser(factory);

        await browser.OpenAsync("/r/00000000000000000000000000000000");
        Assert.Equal((HttpStatusCode.NotFound, "We do not recognise this link"), (browser.Status, browser.Heading));
        var draft = await ApiScenario.CreateWaveAsync(client, scenario.OrganisationId, scenario.NorthCircleId, "Spring", "2026-12-01", ["care-worker"], open: false);
        await browser.OpenAsync($"/r/{await factory.InviteAsync(draft["id"]!.GetValue<string>(), scenario.NorthCircleId, "care-worker")}");
        Assert.Equal((HttpStatusCode.Conflict, "This survey has not opened yet"), (browser.Status, browser.Heading));
        var token = await factory.InviteAsync(scenario.SurveyId, scenario.NorthCircleId, "care-worker");
        await browser.OpenAsync($"/r/{token}");
        await client.PostAsync($"/api/surveys/{scenario.SurveyId}/close", null);
        await browser.OpenAsync("/form/page/1");
        Assert.Equal(HttpStatusCode.Gone, browser.Status); // closing deleted the session
        await browser.OpenAsync($"/r/{token}");
        Assert.Equal((HttpStatusCode.Gone, "This survey has closed"), (browser.Status, browser.Heading));
    }
}
