using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Evaluation.Api.Hosting;
using Evaluation.Tests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Evaluation.Api.Tests;

/// <summary>
/// The HTTP contract is explicit and every change to it is a visible diff: the served OpenAPI document is the committed
/// <c>docs/openapi.json</c>, and every operation in it has a summary, a described tag, its responses and who may call it.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.NoDatabase)]
public sealed partial class ApiContractTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    private static string CommittedPath => Path.Combine(RepositoryPaths.Root, "docs", "openapi.json");

    private async Task<string> ServedDocumentAsync()
    {
        var response = await factory.CreateClient().GetAsync(ApiDescription.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Normalised(await response.Content.ReadAsStringAsync());
    }

    private static string Normalised(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";

    [Fact]
    public async Task ServedDocument_IsTheCommittedOne()
    {
        var served = await ServedDocumentAsync();
        var committed = File.Exists(CommittedPath) ? Normalised(await File.ReadAllTextAsync(CommittedPath)) : "";
        if (served == committed)
        {
            return;
        }
        var fresh = Path.Combine(Path.GetTempPath(), "evaluation-openapi.json");
        await File.WriteAllTextAsync(fresh, served);
        var (servedLines, committedLines) = (served.Split('\n'), committed.Split('\n'));
        var line = Enumerable.Range(0, Math.Max(servedLines.Length, committedLines.Length))
            .First(i => i >= servedLines.Length || i >= committedLines.Length || servedLines[i] != committedLines[i]);
        Assert.Fail($"The API contract changed. If the change is meant, commit it: cp {fresh} docs/openapi.json\n" +
            $"First difference, line {line + 1}:\n  committed: {committedLines.ElementAtOrDefault(line)}\n  served:    {servedLines.ElementAtOrDefault(line)}");
    }

    [Fact]
    public async Task EveryOperation_HasASummaryADescribedTagResponsesAndWhoMayCall()
    {
        var document = JsonNode.Parse(await ServedDocumentAsync())!;
        var tags = document["tags"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["description"]?.GetValue<string>());
        var failures = new List<string>();
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                if (string.IsNullOrWhiteSpace(operation!["summary"]?.GetValue<string>()))
                {
                    failures.Add($"{name}: no summary (.WithSummary)");
                }
                var operationTags = operation["tags"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [];
                if (operationTags.Count != 1 || !tags.TryGetValue(operationTags[0], out var description) || string.IsNullOrEmpty(description))
                {
                    failures.Add($"{name}: tags [{string.Join(", ", operationTags)}]; give it one tag that ApiDescription.Tags describes");
                }
                var responses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
                if (!responses.Any(code => code.StartsWith('2')))
                {
                    failures.Add($"{name}: declares no success response (.Produces)");
                }
                var secured = operation["security"]?.AsArray().Any(s => s!["bearer"] is not null) == true;
                var open = operation["description"]?.GetValue<string>().Contains("Who may call: anyone", StringComparison.Ordinal) == true;
                if (secured == open)
                {
                    failures.Add($"{name}: must either need the bearer scheme or be marked open to anyone");
                }
                if (secured && !responses.Contains("401"))
                {
                    failures.Add($"{name}: needs a key but declares no 401");
                }
                foreach (var (code, response) in operation["responses"]!.AsObject())
                {
                    if (code.StartsWith('2') && response!["content"]?["application/json"]?["schema"] is { } schema && !Named(schema))
                    {
                        failures.Add($"{name}: {code} body is not a named record ({schema.ToJsonString()[..Math.Min(80, schema.ToJsonString().Length)]})");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>A reference to a component schema, a list of them, or a choice between them: never an anonymous object.</summary>
    private static bool Named(JsonNode schema) =>
        schema["$ref"] is not null
        || (schema["items"] is { } items && Named(items))
        || (schema["oneOf"] is JsonArray choices && choices.All(c => Named(c!)));

    [Fact]
    public async Task EveryReference_InTheDocument_Resolves()
    {
        var text = await ServedDocumentAsync();
        var schemas = JsonNode.Parse(text)!["components"]!["schemas"]!.AsObject().Select(s => s.Key).ToHashSet();
        var unresolved = SchemaReference().Matches(text).Select(m => m.Groups[1].Value).Where(name => !schemas.Contains(name)).Distinct().ToList();
        Assert.Empty(unresolved);
    }

    [Fact]
    public void EveryDescribedEndpoint_DeclaresItsSummaryTagAndAccessInCode()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null) // the document itself and /docs carry no name
            .ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText;
            Assert.True(endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>() is not null, $"{route}: no .WithSummary");
            Assert.True(endpoint.Metadata.GetMetadata<ITagsMetadata>() is not null, $"{route}: no .WithTags");
            Assert.True(endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                || endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null), $"{route}: no policy and not AllowAnonymous");
        }
    }

    [Fact]
    public async Task DocsPage_InDevelopment_ServesTheReferenceUnderItsOwnScriptPolicy()
    {
        var client = factory.CreateClient();
        var page = await client.GetAsync(ApiDescription.DocsPath + "/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        var nonce = Nonce().Match(html).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"script-src 'self' 'nonce-{nonce}'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal); // nothing from a CDN: the script is this service's
        Assert.Contains(ApiDescription.DocumentPath.TrimStart('/'), html, StringComparison.Ordinal);
        var script = await client.GetAsync(ApiDescription.DocsPath + "/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        // The next page gets a nonce of its own.
        var again = await (await client.GetAsync(ApiDescription.DocsPath + "/")).Content.ReadAsStringAsync();
        Assert.NotEqual(nonce, Nonce().Match(again).Groups[1].Value);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("true", HttpStatusCode.OK)]
    public async Task DocsPage_InProduction_ServesOnlyWhenSwitchedOn(string? setting, HttpStatusCode expected)
    {
        var settings = setting is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Evaluation:ApiDocs"] = setting };
        using var production = new EvaluationApiFactory { EnvironmentName = "Production", Settings = settings };
        var client = production.CreateClient();
        Assert.Equal(expected, (await client.GetAsync(ApiDescription.DocsPath + "/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiDescription.DocumentPath)).StatusCode);
    }

    [GeneratedRegex("#/components/schemas/([^\"]+)")]
    private static partial Regex SchemaReference();

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex Nonce();
}
