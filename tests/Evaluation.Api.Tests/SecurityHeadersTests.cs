using System.Net;
using System.Net.Http.Json;
using Evaluation.Api.Hosting;

namespace Evaluation.Api.Tests;

/// <summary>
/// Every response carries the hardening headers, whatever produced it. <see cref="AccessTests"/> checks them on every
/// route for every caller; these check the answers no route produces (unknown paths, wrong methods, bad bodies) and
/// the policies of respondent pages and HTML reports.
/// </summary>
public class SecurityHeadersTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    /// <summary>The hardening headers <paramref name="response"/> lacks (none, when it is right).</summary>
    /// <remarks>
    /// Only the API reference page (<paramref name="referencePage"/>) may run script, and only its own, named by a nonce.
    /// </remarks>
    internal static List<string> Missing(HttpResponseMessage response, bool referencePage = false)
    {
        string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
            : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : null;
        var missing = new List<string>();
        void Expect(string name, Func<string, bool> ok)
        {
            if (Header(name) is not { } value || !ok(value))
            {
                missing.Add($"{name} ({Header(name) ?? "absent"})");
            }
        }
        Expect("X-Content-Type-Options", v => v == "nosniff");
        Expect("Referrer-Policy", v => v == "no-referrer");
        Expect("X-Frame-Options", v => v == "DENY");
        Expect("Content-Security-Policy", v => v.Contains("default-src 'none'", StringComparison.Ordinal)
            && v.Contains("frame-ancestors 'none'", StringComparison.Ordinal)
            && (!v.Contains("script-src", StringComparison.Ordinal) || (referencePage && v.Contains("script-src 'self' 'nonce-", StringComparison.Ordinal))));
        // Stylesheets and the reference page's own script hold nothing personal: they may be kept (revalidated, for the script).
        Expect("Cache-Control", v => v.Split(',', StringSplitOptions.TrimEntries).Contains("no-store")
            || (response.Content.Headers.ContentType?.MediaType == "text/css" && v.StartsWith("public", StringComparison.Ordinal))
            || (referencePage && v == "no-cache"));
        return missing;
    }

    [Fact]
    public async Task AnswersNoRouteGives_CarryTheHeadersToo()
    {
        var staff = await factory.CreateStaffClientAsync();
        var anonymous = factory.CreateClient();
        using var unknown = await anonymous.GetAsync("/no/such/page");
        using var wrongMethod = await staff.DeleteAsync("/api/organisations");
        using var badBody = await staff.PostAsync("/api/organisations", new StringContent("{\"name\":", System.Text.Encoding.UTF8, "application/json"));
        using var unauthorised = await anonymous.GetAsync("/api/organisations/some-id");
        using var health = await anonymous.GetAsync("/health");
        using var openApi = await anonymous.GetAsync("/openapi/v1.json");

        foreach (var (response, status) in new[] { (unknown, 404), (wrongMethod, 405), (badBody, 400), (unauthorised, 401), (health, 200), (openApi, 200) })
        {
            Assert.Equal((HttpStatusCode)status, response.StatusCode);
            Assert.Empty(Missing(response));
            Assert.Equal(SecurityHeaders.ApiPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.False(response.Headers.Contains("Strict-Transport-Security")); // development
        }
    }

    [Fact]
    public async Task RespondentPages_KeepTheirOwnStricterPolicy_AndHtmlReportsAllowOnlyTheirInlineStyle()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        using var page = await factory.CreateClient().GetAsync("/r");
        using var report = await scenario.Client.GetAsync($"/api/surveys/{scenario.SurveyId}/report.html");

        Assert.Empty(Missing(page));
        Assert.Contains("style-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Empty(Missing(report));
        Assert.Equal(SecurityHeaders.ReportPolicy, report.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task OutsideDevelopment_EveryAnswerAsksForHttpsFromNowOn()
    {
        await using var production = new EvaluationApiFactory { EnvironmentName = "Production" };
        using var answer = await production.CreateClient().GetAsync("/health");
        using var refused = await production.CreateClient().PostAsJsonAsync("/api/organisations", new { name = "x" });

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, answer.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, refused.Headers.GetValues("Strict-Transport-Security").Single());
    }
}
