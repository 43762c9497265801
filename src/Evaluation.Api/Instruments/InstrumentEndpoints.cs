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
        var group = routes.MapGroup("/api/instruments").WithTags("Instruments").RequireAuthorization(Policies.AnyKey)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", ListInstruments).WithName(nameof(ListInstruments)).WithSummary("List the instruments this service holds");
        group.MapGet("/{id}/versions/{version}", GetInstrumentVersion).WithName(nameof(GetInstrumentVersion)).WithSummary("Read one version of an instrument")
            .ProducesOneOf(StatusCodes.Status200OK, typeof(SurveyInstrument), typeof(TheoryOfChange), typeof(CapacityAssessment))
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static Ok<List<InstrumentSummary>> ListInstruments(InstrumentCatalog catalog) =>
        TypedResults.Ok(catalog.Surveys.Select(f => Summary(f.Content.Kind, f.Content.Id, f.Content.Version, f.Content.Title, f.Content.Languages, f.Content.Translations))
            .Concat(catalog.TheoriesOfChange.Select(f => Summary(f.Content.Kind, f.Content.Id, f.Content.Version, f.Content.Title, f.Content.Languages, f.Content.Translations)))
            .Concat(catalog.CapacityAssessments.Select(f => Summary(f.Content.Kind, f.Content.Id, f.Content.Version, f.Content.Title, f.Content.Languages, f.Content.Translations)))
            .ToList());

    /// <summary>The whole file of any kind (survey, theory of change, capacity assessment) with this id and version.</summary>
    public static Results<Ok<SurveyInstrument>, Ok<TheoryOfChange>, Ok<CapacityAssessment>, ProblemHttpResult> GetInstrumentVersion(
        string id, string version, InstrumentCatalog catalog)
    {
        if (catalog.FindSurvey(id, version) is { } survey)
        {
            return TypedResults.Ok(survey.Content);
        }
        if (catalog.TheoriesOfChange.FirstOrDefault(t => t.Content.Id == id && t.Content.Version == version) is { } theory)
        {
            return TypedResults.Ok(theory.Content);
        }
        if (catalog.CapacityAssessments.FirstOrDefault(c => c.Content.Id == id && c.Content.Version == version) is { } assessment)
        {
            return TypedResults.Ok(assessment.Content);
        }
        return Problems.NotFound("instrument version", $"{id}/{version}");
    }

    private static InstrumentSummary Summary(string kind, string id, string version, LocalizedText title, IReadOnlyList<string> languages,
        IReadOnlyDictionary<string, TranslationStatus> translations) => new(kind, id, version, title, languages, translations);
}
