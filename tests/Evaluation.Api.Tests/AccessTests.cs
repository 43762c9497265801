using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Evaluation.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Evaluation.Api.Tests;

/// <summary>
/// Every route × every kind of caller — anonymous, a respondent sending their invitation token as a key, admin,
/// evaluators of A and of B, circle leads of A's north, A's south and B's north, funders of A and of B — against
/// organisation A's objects (its north circle): for each role, its own object and another circle's or organisation's.
/// A route this table does not know fails the test, so a new endpoint cannot ship without a declared expectation; an
/// answer must never carry another organisation's or circle's data.
/// </summary>
public class AccessTests : IClassFixture<EvaluationApiFactory>
{
    private readonly EvaluationApiFactory _factory;

    public AccessTests(EvaluationApiFactory factory) => _factory = factory;

    internal enum Expect
    {
        Open,        // anyone, even without a key
        AnyKey,      // any valid key
        Admin,       // admins only: 403 for everyone else
        OwnStaff,    // admins and organisation A's evaluators; others 403 (wrong role) or 404/422 (another organisation)
        StaffList,   // admins and evaluators, each seeing only what their scope covers; others 403
        OwnOrLead,   // admins, A's evaluators and the leads of A's north circle (the object); everyone else 404
        SurveyLeads, // admins, A's evaluators and the leads of any circle in A's survey, each shown only their circles; everyone else 404
        Page,        // a respondent page: anyone, no key needed; HTML (or a redirect), never 401, 403 or 5xx
        Released,    // released reports: admins, A's evaluators and A's funders; evaluators of B 404; circle leads 403
        ReadersList, // admins, evaluators and funders, each seeing only their own organisation's; circle leads 403
        CircleList,  // admins, evaluators and circle leads, each seeing only the circles of their scope; funders 403
        Reference,   // the API reference page (/docs, in development) and its assets: anyone, 200; its own nonce script policy
    }

    /// <summary>Method and route pattern → expectation and a request against organisation A's objects.</summary>
    internal static readonly Dictionary<string, (Expect Expect, Func<Fixture, HttpRequestMessage> Request)> Routes = new()
    {
        ["GET /health"] = (Expect.Open, _ => Get("/health")),
        ["GET /form/form.css"] = (Expect.Page, _ => Get("/form/form.css")),
        ["GET /r/{token}"] = (Expect.Page, _ => Get("/r/00000000000000000000000000000000")),
        ["GET /r"] = (Expect.Page, _ => Get("/r")),
        ["POST /r"] = (Expect.Page, _ => Form("/r", ("code", "ABCD"))),
        ["POST /form/language"] = (Expect.Page, _ => Form("/form/language", ("language", "cy"), ("return", "/r"))),
        ["GET /form"] = (Expect.Page, _ => Get("/form")),
        ["GET /form/welcome"] = (Expect.Page, _ => Get("/form/welcome")),
        ["POST /form/welcome"] = (Expect.Page, _ => Form("/form/welcome", ("action", "next"))),
        ["GET /form/page/{number:int}"] = (Expect.Page, _ => Get("/form/page/1")),
        ["POST /form/page/{number:int}"] = (Expect.Page, _ => Form("/form/page/1", ("action", "next"))),
        ["GET /form/comments"] = (Expect.Page, _ => Get("/form/comments")),
        ["POST /form/comments"] = (Expect.Page, _ => Form("/form/comments", ("action", "next"))),
        ["GET /form/help"] = (Expect.Page, _ => Get("/form/help")),
        ["POST /form/help"] = (Expect.Page, _ => Form("/form/help", ("mode", "self"))),
        ["GET /form/review"] = (Expect.Page, _ => Get("/form/review")),
        ["POST /form/review"] = (Expect.Page, _ => Form("/form/review", ("action", "next"))),
        ["GET /withdraw"] = (Expect.Page, _ => Get("/withdraw")),
        ["POST /withdraw"] = (Expect.Page, f => Form("/withdraw", ("receiptCode", f.FreshReceiptOfA()))),
        ["GET /openapi/v1.json"] = (Expect.Open, _ => Get("/openapi/v1.json")),
        ["GET /docs/{documentName?}"] = (Expect.Reference, _ => Get("/docs/")),
        ["GET /docs/scalar.js"] = (Expect.Reference, _ => Get("/docs/scalar.js")),
        ["GET /docs/scalar.aspnetcore.js"] = (Expect.Reference, _ => Get("/docs/scalar.aspnetcore.js")),
        ["GET /docs/favicon.svg"] = (Expect.Reference, _ => Get("/docs/favicon.svg")),
        ["GET /api/instruments/"] = (Expect.AnyKey, _ => Get("/api/instruments")),
        ["GET /api/instruments/{id}/versions/{version}"] = (Expect.AnyKey, _ => Get("/api/instruments/social-climate/versions/1")),
        ["POST /api/organisations/"] = (Expect.Admin, _ => Post("/api/organisations", new { name = "New Co-op" })),
        ["GET /api/me"] = (Expect.AnyKey, _ => Get("/api/me")),
        ["GET /api/organisations/"] = (Expect.StaffList, _ => Get("/api/organisations")),
        ["GET /api/surveys/"] = (Expect.StaffList, _ => Get("/api/surveys")),
        ["GET /api/organisations/{id}"] = (Expect.OwnStaff, f => Get($"/api/organisations/{f.A.OrganisationId}")),
        ["POST /api/organisations/{id}/circles"] = (Expect.OwnStaff, f => Post($"/api/organisations/{f.A.OrganisationId}/circles", new { name = "East " + Guid.NewGuid() })),
        ["POST /api/surveys/{surveyId}/releases"] = (Expect.OwnStaff, f => Post($"/api/surveys/{f.ClosedSurveyOfA}/releases", new { })),
        ["GET /api/organisations/{id}/report-schedule"] = (Expect.OwnStaff, f => Get($"/api/organisations/{f.A.OrganisationId}/report-schedule")),
        ["PUT /api/organisations/{id}/report-schedule"] = (Expect.OwnStaff, f => new HttpRequestMessage(HttpMethod.Put,
            $"/api/organisations/{f.A.OrganisationId}/report-schedule")
        { Content = JsonContent.Create(new { cadence = "none" }) }),
        ["POST /api/organisations/{id}/capacity-assessments/"] = (Expect.OwnStaff, f => Post($"/api/organisations/{f.A.OrganisationId}/capacity-assessments",
            new { circleId = f.A.NorthCircleId, partner = "Hub", assessedOn = "2026-11-01", ratings = CapacityTests.AllRatings(2) })),
        ["GET /api/organisations/{id}/capacity-assessments/"] = (Expect.OwnStaff, f => Get($"/api/organisations/{f.A.OrganisationId}/capacity-assessments")),
        ["GET /api/circles/{circleId}/dashboard"] = (Expect.OwnOrLead, f => Get($"/api/circles/{f.A.NorthCircleId}/dashboard")),
        ["GET /api/releases"] = (Expect.ReadersList, _ => Get("/api/releases")),
        ["GET /api/circles"] = (Expect.CircleList, _ => Get("/api/circles")),
        ["GET /api/organisations/{id}/releases"] = (Expect.Released, f => Get($"/api/organisations/{f.A.OrganisationId}/releases")),
        ["GET /api/releases/{id}.pdf"] = (Expect.Released, f => Get($"/api/releases/{f.ReleaseOfA}.pdf")),
        ["GET /api/releases/{id}.html"] = (Expect.Released, f => Get($"/api/releases/{f.ReleaseOfA}.html")),
        ["POST /api/organisations/{id}/teams"] = (Expect.OwnStaff, f => Post($"/api/organisations/{f.A.OrganisationId}/teams", new { name = "Team " + Guid.NewGuid() })),
        ["PUT /api/organisations/{id}/circles/{circleId}/team"] = (Expect.OwnStaff, f => new HttpRequestMessage(HttpMethod.Put,
            $"/api/organisations/{f.A.OrganisationId}/circles/{f.A.SouthCircleId}/team")
        { Content = JsonContent.Create(new { teamId = (string?)null }) }),
        ["POST /api/organisations/{id}/panel-codes"] = (Expect.OwnStaff, f => Post($"/api/organisations/{f.A.OrganisationId}/panel-codes", new { count = 3 })),
        ["POST /api/surveys/"] = (Expect.OwnStaff, f => Post("/api/surveys", new
        {
            organisationId = f.A.OrganisationId,
            instrument = new { id = "social-climate", version = "1" },
            title = "Another wave",
            opensOn = "2026-11-01",
            closesOn = "2026-12-31",
            stakeholderGroups = new[] { "care-worker" },
            circleIds = new[] { f.A.NorthCircleId },
        })),
        ["GET /api/surveys/{id}"] = (Expect.OwnStaff, f => Get($"/api/surveys/{f.A.SurveyId}")),
        ["POST /api/surveys/{surveyId}/responses/"] = (Expect.OwnStaff, f => Post($"/api/surveys/{f.A.SurveyId}/responses", new
        {
            circleId = f.A.NorthCircleId,
            stakeholderGroup = "care-worker",
            completionMode = "paper",
            answers = ApiScenario.AllItemsKeyed("care-worker", 3),
        })),
        ["GET /api/surveys/{surveyId}/scores/"] = (Expect.OwnStaff, f => Get($"/api/surveys/{f.A.SurveyId}/scores")),
        ["GET /api/surveys/{surveyId}/report.html"] = (Expect.OwnStaff, f => Get($"/api/surveys/{f.A.SurveyId}/report.html")),
        ["GET /api/surveys/{surveyId}/report.pdf"] = (Expect.OwnStaff, f => Get($"/api/surveys/{f.A.SurveyId}/report.pdf")),
        ["POST /api/keys/"] = (Expect.OwnStaff, f => Post("/api/keys", new
        {
            role = "circle-lead",
            label = "Lead of North",
            organisationId = f.A.OrganisationId,
            circleIds = new[] { f.A.NorthCircleId },
        })),
        ["GET /api/keys/"] = (Expect.StaffList, _ => Get("/api/keys")),
        ["DELETE /api/keys/{id}"] = (Expect.OwnStaff, f => new HttpRequestMessage(HttpMethod.Delete, $"/api/keys/{f.SpareKeyOfA()}")),
        ["GET /api/audit"] = (Expect.StaffList, _ => Get("/api/audit")),
        ["GET /api/audit/verification"] = (Expect.Admin, _ => Get("/api/audit/verification")),
        ["POST /api/withdrawals"] = (Expect.Open, f => Post("/api/withdrawals", new { receiptCode = f.FreshReceiptOfA() })),
        ["POST /api/surveys/{surveyId}/imports"] = (Expect.OwnStaff, f => new HttpRequestMessage(HttpMethod.Post, $"/api/surveys/{f.A.SurveyId}/imports")
        {
            Content = new StringContent($"circle,stakeholder_group,learning-access-1\nNorth,care-worker,{Random.Shared.Next(1, 6)}\n", System.Text.Encoding.UTF8, "text/csv"),
        }),
        ["POST /api/surveys/{surveyId}/invitations"] = (Expect.OwnStaff, f => Post($"/api/surveys/{f.A.SurveyId}/invitations",
            new { circleId = f.A.NorthCircleId, stakeholderGroup = "care-worker", count = 2 })),
        ["GET /api/surveys/{surveyId}/participation"] = (Expect.SurveyLeads, f => Get($"/api/surveys/{f.A.SurveyId}/participation")),
        ["GET /api/respond/{token}/"] = (Expect.Open, f => Get($"/api/respond/{f.FreshTokenOfA()}")),
        ["PUT /api/respond/{token}/draft"] = (Expect.Open, f => new HttpRequestMessage(HttpMethod.Put, $"/api/respond/{f.FreshTokenOfA()}/draft")
        {
            Content = JsonContent.Create(new { answers = new Dictionary<string, int?> { ["learning-access-1"] = 4 } }),
        }),
        ["POST /api/respond/{token}/"] = (Expect.Open, f => Post($"/api/respond/{f.FreshTokenOfA()}", new { answers = ApiScenario.AllItemsKeyed("care-worker", 4) })),
        ["GET /api/surveys/{surveyId}/export.zip"] = (Expect.OwnStaff, f => Get($"/api/surveys/{f.A.SurveyId}/export.zip")),
        ["PATCH /api/surveys/{id}"] = (Expect.OwnStaff, f => new HttpRequestMessage(HttpMethod.Patch, $"/api/surveys/{f.A.SurveyId}")
        {
            Content = JsonContent.Create(new { title = "Winter wave (renamed)" }),
        }),
        ["POST /api/surveys/{id}/open"] = (Expect.OwnStaff, f => Post($"/api/surveys/{f.A.SurveyId}/open", new { })),
        // Last: closing A's survey ends what the routes above can do with it.
        ["POST /api/surveys/{id}/close"] = (Expect.OwnStaff, f => Post($"/api/surveys/{f.A.SurveyId}/close", new { })),
    };

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Post(string url, object body) => new(HttpMethod.Post, url) { Content = JsonContent.Create(body) };

    /// <summary>A form post as a page would send it, without the page's antiforgery token.</summary>
    private static HttpRequestMessage Form(string url, params (string Name, string Value)[] fields) =>
        new(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))) };

    /// <summary>Organisation A (a survey with responses), organisation B, and a client for every kind of caller.</summary>
    internal sealed class Fixture
    {
        public required EvaluationApiFactory Factory { get; init; }
        public required ApiScenario A { get; init; }
        public required ApiScenario B { get; init; }
        public required Dictionary<string, HttpClient> Callers { get; init; }

        /// <summary>A closed survey of A with 5 responses, and the id of its released report.</summary>
        public required string ClosedSurveyOfA { get; init; }

        public required string ReleaseOfA { get; init; }

        /// <summary>The receipt of a fresh response in organisation A's survey, for one withdrawal.</summary>
        public string FreshReceiptOfA() => Factory.Services.GetRequiredService<Evaluation.Api.Responses.ResponseStore>()
            .InsertAllAsync([new Evaluation.Api.Responses.NewResponse(A.SurveyId, "social-climate", "1", A.OrganisationId, A.NorthCircleId, "care-worker",
                Evaluation.Api.Responses.CompletionMode.Self, new DateOnly(2026, 11, 22), ApiScenario.AllItemsKeyed("care-worker", 3))], CancellationToken.None)
            .GetAwaiter().GetResult()[0].ReceiptCode;

        /// <summary>A fresh single-use invitation to A's survey (north circle, care workers).</summary>
        public string FreshTokenOfA() => Factory.InviteAsync(A.SurveyId, A.NorthCircleId, "care-worker").GetAwaiter().GetResult();

        /// <summary>A fresh key of organisation A, for one revocation attempt.</summary>
        public string SpareKeyOfA() => Factory.Services.GetRequiredService<ApiKeyStore>()
            .CreateAsync(new NewApiKey(Role.Funder, "spare", A.OrganisationId, []), new DateOnly(2026, 11, 22), CancellationToken.None)
            .GetAwaiter().GetResult().Key.Id;
    }

    private Task<Fixture> ArrangeAsync() => ArrangeAsync(_factory);

    /// <summary>Organisations A and B on <paramref name="factory"/>'s host, with a client for every kind of caller.</summary>
    internal static async Task<Fixture> ArrangeAsync(EvaluationApiFactory factory)
    {
        var admin = await factory.CreateStaffClientAsync();
        var a = await ApiScenario.CreateAsync(admin);
        var b = await ApiScenario.CreateAsync(admin);
        foreach (var keyed in new[] { 2, 3, 4, 5, 3, 4 })
        {
            await a.PostResponseAsync(a.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", keyed));
        }
        var closed = (await ApiScenario.CreateWaveAsync(admin, a.OrganisationId, a.NorthCircleId, "Closed wave", "2026-11-01", ["care-worker"]))["id"]!
            .GetValue<string>();
        foreach (var keyed in new[] { 2, 3, 4, 5, 3 })
        {
            await admin.PostAsJsonAsync($"/api/surveys/{closed}/responses",
                new { circleId = a.NorthCircleId, stakeholderGroup = "care-worker", completionMode = "self", answers = ApiScenario.AllItemsKeyed("care-worker", keyed) });
        }
        await admin.PostAsync($"/api/surveys/{closed}/close", null);
        var released = await factory.Services.GetRequiredService<Evaluation.Api.Reports.Release>().ReleaseAsync(closed, ["en"], CancellationToken.None);
        return new Fixture
        {
            Factory = factory,
            A = a,
            B = b,
            ClosedSurveyOfA = closed,
            ReleaseOfA = Assert.Single(released.Releases).Id,
            Callers = new()
            {
                ["anonymous"] = factory.CreateClient(),
                ["admin"] = admin,
                ["evaluator of A"] = await factory.CreateClientWithKeyAsync(Role.Evaluator, a.OrganisationId),
                ["evaluator of B"] = await factory.CreateClientWithKeyAsync(Role.Evaluator, b.OrganisationId),
                ["circle lead of A's north"] = await factory.CreateClientWithKeyAsync(Role.CircleLead, a.OrganisationId, a.NorthCircleId),
                ["circle lead of A's south"] = await factory.CreateClientWithKeyAsync(Role.CircleLead, a.OrganisationId, a.SouthCircleId),
                ["circle lead of B's north"] = await factory.CreateClientWithKeyAsync(Role.CircleLead, b.OrganisationId, b.NorthCircleId),
                ["respondent (invitation token as a key)"] = RespondentWithTokenAsKey(factory, await factory.InviteAsync(a.SurveyId, a.NorthCircleId, "care-worker")),
                ["funder of A"] = await factory.CreateClientWithKeyAsync(Role.Funder, a.OrganisationId),
                ["funder of B"] = await factory.CreateClientWithKeyAsync(Role.Funder, b.OrganisationId),
            },
        };
    }

    /// <summary>A respondent who sends their invitation token as if it were an API key: it is not one.</summary>
    private static HttpClient RespondentWithTokenAsKey(EvaluationApiFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Callers without a valid key: refused with 401 wherever a key is needed.</summary>
    private static bool Keyless(string caller) => caller is "anonymous" or "respondent (invitation token as a key)";

    private static bool Allowed(Expect expect, string caller) => expect switch
    {
        Expect.Open or Expect.Reference => true,
        Expect.AnyKey => !Keyless(caller),
        Expect.Admin => caller == "admin",
        Expect.OwnStaff => caller is "admin" or "evaluator of A",
        Expect.OwnOrLead => caller is "admin" or "evaluator of A" or "circle lead of A's north",
        Expect.SurveyLeads => caller is "admin" or "evaluator of A" or "circle lead of A's north" or "circle lead of A's south",
        Expect.Released => caller is "admin" or "evaluator of A" or "funder of A",
        Expect.ReadersList => caller is "admin" or "evaluator of A" or "evaluator of B" or "funder of A" or "funder of B",
        Expect.CircleList => caller is "admin" or "evaluator of A" or "evaluator of B" or "circle lead of A's north" or "circle lead of A's south"
            or "circle lead of B's north",
        _ => caller is "admin" or "evaluator of A" or "evaluator of B",
    };

    [Fact]
    public void EveryEndpoint_DeclaresWhoMayCallIt()
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
            failures.AddRange(methods.Select(method => $"{method} {endpoint.RoutePattern.RawText}").Where(route => !Routes.ContainsKey(route))
                .Select(route => $"'{route}' has no declared expectation in AccessTests.Routes"));
            var declared = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                || endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null);
            if (!declared)
            {
                failures.Add($"{endpoint.RoutePattern.RawText} declares no policy");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task EveryRoute_ForEveryCaller_AnswersAsDeclaredAndRefusalsWriteNothing()
    {
        var fixture = await ArrangeAsync();
        var failures = new List<string>();
        foreach (var (route, (expect, request)) in Routes)
        {
            foreach (var (caller, client) in fixture.Callers)
            {
                using var message = request(fixture);
                var before = await RowCountsAsync();
                using var response = await client.SendAsync(message);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                if (SecurityHeadersTests.Missing(response, referencePage: expect == Expect.Reference) is { Count: > 0 } missing)
                {
                    failures.Add($"{route} as {caller}: {status} without {string.Join(", ", missing)}");
                }
                if (expect == Expect.Page)
                {
                    var page = response.Content.Headers.ContentType?.MediaType is "text/html" or "text/css" || status == 303;
                    if (status is 401 or 403 or >= 500 || !page)
                    {
                        failures.Add($"{route} as {caller}: a respondent page answered {status} {response.Content.Headers.ContentType}");
                    }
                    continue;
                }
                var allowed = Allowed(expect, caller);
                if (allowed && status is < 200 or > 299)
                {
                    failures.Add($"{route} as {caller}: expected success, got {status} {body[..Math.Min(200, body.Length)]}");
                }
                if (!allowed)
                {
                    var expected = Keyless(caller) ? [401]
                        : expect == Expect.OwnStaff && caller == "evaluator of B" ? new[] { 404, 422 }
                        : expect == Expect.Released && caller is "evaluator of B" or "funder of B" ? [404]
                        : expect is Expect.OwnOrLead or Expect.SurveyLeads ? [404]
                        : [403];
                    if (!expected.Contains(status))
                    {
                        failures.Add($"{route} as {caller}: expected {string.Join(" or ", expected)}, got {status}");
                    }
                    else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{route} as {caller}: {status} is not problem details");
                    }
                    if (await RowCountsAsync() != before)
                    {
                        failures.Add($"{route} as {caller}: refused, yet rows were written ({before} → {await RowCountsAsync()})");
                    }
                }
                // A refusal may repeat the id the caller sent; an answer given must never carry organisation A's data.
                if (caller is "evaluator of B" or "funder of B" or "circle lead of B's north" && status is >= 200 and < 300
                    && body.Contains(fixture.A.OrganisationId, StringComparison.Ordinal))
                {
                    failures.Add($"{route} as {caller}: the answer names organisation A");
                }
                // Nor may another circle's lead be given anything of the north circle.
                if (caller == "circle lead of A's south" && status is >= 200 and < 300 && body.Contains(fixture.A.NorthCircleId, StringComparison.Ordinal))
                {
                    failures.Add($"{route} as {caller}: the answer names A's north circle");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private async Task<string> RowCountsAsync()
    {
        await using var connection = await _factory.OpenDatabaseAsync();
        var counts = await connection.QueryAsync<long>(
            """
            SELECT count(*) FROM organisations UNION ALL SELECT count(*) FROM circles UNION ALL SELECT count(*) FROM surveys
            UNION ALL SELECT count(*) FROM responses UNION ALL SELECT count(*) FROM api_keys WHERE revoked_on IS NULL
            UNION ALL SELECT count(*) FROM audit_log
            """);
        return string.Join(",", counts);
    }
}
