using Evaluation.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Evaluation.Api.Hosting;

/// <summary>
/// The API's published contract: the OpenAPI document at <see cref="DocumentPath"/> (committed as
/// <c>docs/openapi.json</c>; a test fails when the two differ) and the reference page at <c>/docs</c>.
/// Every operation that needs a key says so with the bearer scheme and, in words, which keys may call it.
/// </summary>
public static class ApiDescription
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string DocsPath = "/docs";
    public const string BearerScheme = "bearer";

    /// <summary>
    /// The reference page runs Scalar's bundled script (served by this service, nothing from a CDN) and sends the
    /// calls a reader tries to this service only.
    /// </summary>
    public const string DocsPolicy = "default-src 'none'; script-src 'self' 'nonce-{0}'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly Dictionary<string, string> WhoMayCall = new()
    {
        [Policies.Admin] = "an admin key.",
        [Policies.Staff] = "an admin or evaluator key; an evaluator reaches only their own organisation.",
        [Policies.Readers] = "an admin, evaluator or funder key, each for their own organisation only.",
        [Policies.CircleReaders] = "an admin, evaluator or circle-lead key; each sees only the circles of their scope.",
        [Policies.AnyKey] = "any valid key; what it returns depends on the key's role and scope.",
    };

    /// <summary>The tags in the order a reader meets the work: set up, collect, read, release; then the service itself.</summary>
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Organisations", "Co-ops, their circles and teams, and panel codes."),
        ("Surveys", "Waves of the social-climate survey: create, change, open, close."),
        ("Invitations", "Single-use invitation tokens and participation so far."),
        ("Respondents", "What a respondent's invitation link opens; no key, the token is the credential."),
        ("Responses", "Responses entered by staff, imported from CSV, or withdrawn by their respondent."),
        ("Scores", "Domain, factor and item scores with reliability, under disclosure control."),
        ("Reports", "The funder report and circle dashboards, as HTML and PDF."),
        ("Releases", "Reports released to funders and the periodic release schedule."),
        ("Capacity", "Co-production capacity self-assessments."),
        ("Exports", "Responses and codebook for analysis elsewhere."),
        ("Instruments", "The survey, theory-of-change and capacity instruments this service holds."),
        ("Keys", "API keys and who the calling key is."),
        ("Audit", "The hash-chained log of staff actions."),
        ("Service", "Whether the service is up."),
    ];

    /// <summary>
    /// Declares that a response's body is one of several types (the generator keeps only the last of several
    /// <c>Ok&lt;T&gt;</c> in a result union).
    /// </summary>
    public static RouteHandlerBuilder ProducesOneOf(this RouteHandlerBuilder builder, int statusCode, params Type[] types) =>
        builder.WithMetadata(new OneOfResponse(statusCode, types));

    private sealed record OneOfResponse(int StatusCode, Type[] Types);

    public static IServiceCollection AddApiDescription(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer(DescribeDocument);
        options.AddOperationTransformer(DescribeAccess);
        options.AddOperationTransformer(DescribeOneOfResponses);
        options.AddOperationTransformer(DescribePaging);
    });

    /// <summary>The document and, when <paramref name="withDocsPage"/>, the reference page that reads it.</summary>
    public static void MapApiDescription(this WebApplication app, bool withDocsPage)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous(); // the description is public; every operation in it declares its own policy
        if (!withDocsPage)
        {
            return;
        }
        app.MapScalarApiReference(DocsPath, options => options
                .WithTitle("Evaluation API")
                .WithOpenApiRoutePattern(DocumentPath)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .WithNonce()
                .AddPreferredSecuritySchemes(BearerScheme))
            .AllowAnonymous()
            .AddEndpointFilter(async (context, next) =>
            {
                var result = await next(context);
                var http = context.HttpContext;
                if (http.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                {
                    http.Response.Headers.ContentSecurityPolicy = string.Format(System.Globalization.CultureInfo.InvariantCulture, DocsPolicy, nonce);
                }
                return result;
            });
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Evaluation API",
            Version = "v1",
            Description = "Social-climate surveys and impact reports for care co-operatives. Staff calls carry an API key as " +
                "`Authorization: Bearer <key>`; respondents' calls carry their invitation token in the path and need no key. " +
                "Errors are RFC 9457 problem details; a 422 names each field at fault under `errors`.",
        };
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));
        document.Servers = []; // relative to wherever the service runs, so the committed document is the same on every host
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key made with `create-key` or `POST /api/keys`. Its role (admin, evaluator, circle-lead, funder) " +
                "and scope (an organisation, a circle lead's circles) decide what it may read and do.",
        };
        return Task.CompletedTask;
    }

    private static Task DescribeAccess(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<ObsoleteAttribute>().FirstOrDefault() is { } obsolete)
        {
            operation.Deprecated = true;
            operation.Description = Join(operation.Description, $"Deprecated, kept for existing clients. {obsolete.Message}");
        }
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Description = Join(operation.Description, "Who may call: anyone; no key is needed.");
            return Task.CompletedTask;
        }
        // The last policy named is the one that decides (a route may narrow its group's policy).
        var policy = metadata.OfType<IAuthorizeData>().LastOrDefault(data => data.Policy is not null)?.Policy;
        if (policy is null)
        {
            return Task.CompletedTask; // the endpoint rules test fails on such an endpoint
        }
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
        var owned = metadata.OfType<OwnedObject>().Select(Kebab.Name).FirstOrDefault();
        var who = WhoMayCall.TryGetValue(policy, out var text) ? text : $"A key meeting the '{policy}' policy.";
        operation.Description = Join(operation.Description, owned is null
            ? $"Who may call: {who}"
            : $"Who may call: {who} A {owned} of another organisation is answered 404, as an unknown one.");
        return Task.CompletedTask;
    }

    private static async Task DescribeOneOfResponses(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        foreach (var oneOf in context.Description.ActionDescriptor.EndpointMetadata.OfType<OneOfResponse>())
        {
            var choices = new List<IOpenApiSchema>();
            foreach (var type in oneOf.Types)
            {
                context.Document!.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
                choices.Add(new OpenApiSchemaReference(type.Name, context.Document));
            }
            var content = operation.Responses![oneOf.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)].Content!;
            content["application/json"].Schema = new OpenApiSchema { OneOf = choices };
        }
    }

    /// <summary>The paging parameters of every list, described once.</summary>
    private static Task DescribePaging(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            parameter.Description ??= parameter.Name switch
            {
                "limit" => $"Items a page, 1–{Paging.MaximumLimit} (default {Paging.DefaultLimit}).",
                "cursor" => "Where the page starts: follow the previous page's `next` address rather than making one.",
                _ => null,
            };
        }
        return Task.CompletedTask;
    }

    private static string Join(string? first, string second) => string.IsNullOrEmpty(first) ? second : $"{first}\n\n{second}";
}
