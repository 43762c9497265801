using Evaluation.Api.Responses;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Exports;

public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/surveys/{surveyId}/export.zip", ExportSurvey).WithName(nameof(ExportSurvey)).WithSummary("Export a survey's responses and codebook as a ZIP").WithTags("Exports")
            .RequireAuthorization(Policies.Staff).OwnedBy(OwnedObject.Survey, "surveyId").Audited("export-responses", "survey", "surveyId")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return routes;
    }

    /// <summary>Responses, codebook and an R loader for analysis (evaluators only; every export is audited).</summary>
    public static async Task<FileStreamHttpResult> ExportSurvey(string surveyId, SurveyStore surveys, ResponseStore responses, InstrumentCatalog catalog,
        Panels.PanelKeys panels, CancellationToken cancellationToken)
    {
        var survey = (await surveys.FindAsync(surveyId, cancellationToken))!;
        var instrument = catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!.Content;
        var zip = await ExportWriter.WriteAsync(survey, instrument, responses, panels, cancellationToken);
        return TypedResults.File(zip, "application/zip", $"survey-{survey.Id}.zip");
    }
}
