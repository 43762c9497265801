using System.Net;
using System.Net.Http.Json;

namespace Evaluation.Api.Tests;

/// <summary>Names and titles are stored as typed; wherever they are shown — respondent pages, reports, dashboards, PDFs — they are text, never markup.</summary>
public class ScriptPayloadTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    private const string Organisation = "<script>alert('org')</script> Co-op";
    private const string Circle = "<img src=x onerror=alert(1)>";
    private const string Title = "\"><script>alert('title')</script>";

    private static void AssertEscaped(string html)
    {
        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoredScriptPayloads_AreTextInFormPagesReportsDashboardsAndPdfs()
    {
        var staff = await factory.CreateStaffClientAsync();
        var organisationId = (await ApiScenario.PostAsync(staff, "/api/organisations", new { name = Organisation }))["id"]!.GetValue<string>();
        var circleId = (await ApiScenario.PostAsync(staff, $"/api/organisations/{organisationId}/circles", new { name = Circle }))["id"]!.GetValue<string>();
        var surveyId = (await ApiScenario.CreateWaveAsync(staff, organisationId, circleId, Title, "2026-11-01", ["care-worker"]))["id"]!.GetValue<string>();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/surveys/{surveyId}/responses", new
            {
                circleId,
                stakeholderGroup = "care-worker",
                completionMode = "self",
                answers = ApiScenario.AllItemsKeyed("care-worker", 2 + (i % 3)),
            })).StatusCode);
        }

        var browser = new FormBrowser(factory);
        await browser.OpenAsync($"/r/{await factory.InviteAsync(surveyId, circleId, "care-worker")}");
        Assert.Equal(HttpStatusCode.OK, browser.Status);
        AssertEscaped(browser.Html);

        AssertEscaped(await staff.GetStringAsync($"/api/surveys/{surveyId}/report.html"));
        var (text, _) = await PdfTools.ReadAsync(await staff.GetByteArrayAsync($"/api/surveys/{surveyId}/report.pdf"));
        Assert.Contains("<script>alert('org')</script>", text, StringComparison.Ordinal); // printed as the words typed

        (await staff.PostAsync($"/api/surveys/{surveyId}/close", null)).EnsureSuccessStatusCode();
        var dashboard = await staff.GetAsync($"/api/circles/{circleId}/dashboard");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var html = await dashboard.Content.ReadAsStringAsync();
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        AssertEscaped(html);
    }
}
