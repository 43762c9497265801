using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Evaluation.Instruments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Instruments;

public sealed record InstrumentSummary(string Kind, string Id, string Version, LocalizedText Title, IReadOnlyList<string> Languages,
    IReadOnlyDictionary<string, TranslationStatus> Translations);

public static class InstrumentEndpoints
{
    public static IEndpointRouteBuilder MapInstruments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/instruments").WithTags("Instruments").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListInstruments).WithName(nameof(ListInstruments));
        group.MapGet("/{id}/versions/{version}", GetInstrumentVersion).WithName(nameof(GetInstrumentVersion));
        return routes;
    }

    public static Ok<List<InstrumentSummary>> ListInstruments(InstrumentCatalog catalog) =>
        TypedResults.Ok(catalog.Surveys.Select(f => new InstrumentSummary(f.Content.Kind, f.Content.Id, f.Content.Version, f.Content.Title, f.Content.Languages, f.Content.Translations))
            .Concat(catalog.TheoriesOfChange.Select(f => new InstrumentSummary(f.Content.Kind, f.Content.Id, f.Content.Version, f.Content.Title, f.Content.Languages, f.Content.Translations)))
            .Concat(catalog.CapacityAssessments.Select(f => new InstrumentSummary(f.Content.Kind, f.Content.Id, f.Content.Version, f.Content.Title, f.Content.Languages, f.Content.Translations)))
            .ToList());

    public static Results<Ok<SurveyInstrument>, ProblemHttpResult> GetInstrumentVersion(string id, string version, InstrumentCatalog catalog) =>
        catalog.FindSurvey(id, version) is { } instrument
            ? TypedResults.Ok(instrument.Content)
            : Problems.NotFound("instrument version", $"{id}/{version}");
}
