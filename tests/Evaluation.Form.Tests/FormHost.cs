using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Evaluation.Api.Hosting;
using Evaluation.Api.Invitations;
using Evaluation.Api.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Evaluation.Form.Tests;

/// <summary>
/// The real service on a loopback port with a fresh database, an open survey, a closed one and a draft, and Debian's
/// Chromium driven by Playwright (never a downloaded browser: <c>EVALUATION_CHROMIUM</c> or /usr/bin/chromium).
/// </summary>
public sealed class FormHost : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evaluation-form-tests-").FullName;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>http://localhost:port: Chromium treats localhost as a secure context, so the form's Secure cookies work.</summary>
    public string BaseUrl { get; private set; } = "";

    public string OpenSurveyId { get; private set; } = "";

    public string ClosedSurveyToken { get; private set; } = "";

    public string DraftSurveyToken { get; private set; } = "";

    private string CircleId { get; set; } = "";

    /// <summary>Where the screenshots go: form/ in the test output folder (RepositoryPaths.TestOutput); look at them.</summary>
    public static string Screenshots { get; } = Path.Combine(RepositoryPaths.TestOutput, "form");

    public async ValueTask InitializeAsync()
    {
        _app = EvaluationHost.Build(
        [
            "--urls=http://127.0.0.1:0", $"--Evaluation:InstrumentsPath={RepositoryPaths.Instruments}",
            $"--Evaluation:Storage:DatabasePath={Path.Combine(_folder, "evaluation.db")}", "--Logging:LogLevel:Default=Warning",
            // Every browser here comes from one address, far faster than people: the limits are tested in RateLimitTests.
            "--Evaluation:RateLimits:CodeAttemptsPerMinute=0", "--Evaluation:RateLimits:RespondentRequestsPerMinute=0",
        ]);
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var (_, secret) = await _app.Services.GetRequiredService<ApiKeyStore>().CreateAsync(
            new NewApiKey(Role.Admin, "form tests", null, []), DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var organisation = await PostAsync(client, "/api/organisations", new { name = "Cwm Care Co-op" });
        CircleId = (await PostAsync(client, $"/api/organisations/{organisation}/circles", new { name = "Ystrad" }));
        var today = _app.Services.GetRequiredService<Calendar>().Today();
        OpenSurveyId = await SurveyAsync(client, organisation, "Winter wave", today.AddDays(-1), today.AddDays(30));
        await client.PostAsync($"/api/surveys/{OpenSurveyId}/open", null);
        var closed = await SurveyAsync(client, organisation, "Autumn wave", today.AddDays(-20), today.AddDays(30));
        await client.PostAsync($"/api/surveys/{closed}/open", null);
        ClosedSurveyToken = await InviteAsync(closed);
        await client.PostAsync($"/api/surveys/{closed}/close", null);
        DraftSurveyToken = await InviteAsync(await SurveyAsync(client, organisation, "Spring wave", today.AddDays(40), today.AddDays(70)));

        _playwright = await Playwright.CreateAsync();
        Browser = await PageCheck.LaunchChromiumAsync(_playwright);
    }

    /// <summary>A new single-use invitation to the open survey (a care worker's); returns its link.</summary>
    public async Task<string> InvitationLinkAsync(string group = "care-worker") => $"{BaseUrl}/r/{await InviteAsync(OpenSurveyId, group)}";

    private async Task<string> InviteAsync(string surveyId, string group = "care-worker")
    {
        var token = InvitationStore.NewToken();
        await _app!.Services.GetRequiredService<InvitationStore>().StoreAsync(surveyId, CircleId, group, InvitationKind.SingleUse, [token],
            CancellationToken.None);
        return token;
    }

    private async Task<string> SurveyAsync(HttpClient client, string organisationId, string title, DateOnly opensOn, DateOnly closesOn) =>
        await PostAsync(client, "/api/surveys", new
        {
            organisationId,
            instrument = new { id = "social-climate", version = "1" },
            title,
            opensOn,
            closesOn,
            stakeholderGroups = new[] { "care-worker", "drawing-on-care" },
            circleIds = new[] { CircleId },
        });

    private static async Task<string> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
