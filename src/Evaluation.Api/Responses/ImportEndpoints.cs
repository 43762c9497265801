using Evaluation.Api.Hosting;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Responses;

public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/surveys/{surveyId}/imports", ImportResponses).WithName(nameof(ImportResponses)).WithSummary("Import paper responses from CSV; bad rows are listed, repeats ignored").WithTags("Responses")
            .RequireAuthorization(Policies.Staff).OwnedBy(OwnedObject.Survey, "surveyId").Audited("import-responses", "survey", "surveyId", dayOnly: true)
            .Accepts<string>("text/csv") // routing answers any other content type with a 415 problem
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    /// <summary>
    /// Imports a CSV of paper responses (see the README for its columns). Every bad row is reported by line and column;
    /// nothing is stored when any row is bad unless <paramref name="validRowsOnly"/>; the same file twice stores nothing new.
    /// </summary>
    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportResponses(string surveyId, bool? validRowsOnly, HttpContext context,
        SurveyStore surveys, Import import, CancellationToken cancellationToken)
    {
        // Routing refuses other content types (Accepts above); a body sent with none reaches here.
        if (context.Request.ContentType is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the file as text/csv.",
                detail: "The body must be the CSV file itself, with Content-Type: text/csv.");
        }
        var survey = (await surveys.FindAsync(surveyId, cancellationToken))!;
        // Buffered to a temporary file: the CSV reader reads synchronously, which a request body does not allow.
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        await context.Request.Body.CopyToAsync(file, cancellationToken);
        file.Position = 0;
        if ((await import.RunAsync(new ImportRequest(survey, file, validRowsOnly ?? false), cancellationToken)).Result is not { } result)
        {
            return Problems.Conflict("Survey not taking responses.",
                $"Responses can be imported only while the survey is open ({survey.OpensOn:yyyy-MM-dd} to {survey.ClosesOn:yyyy-MM-dd}); it is {Kebab.Name(survey.Status)}.",
                "status");
        }
        if (!result.Applied)
        {
            return Problems.Unprocessable(result.Rejected.GroupBy(p => p.Column is null ? $"line {p.Line}" : $"line {p.Line}, {p.Column}")
                .ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray()));
        }
        return TypedResults.Ok(result);
    }
}
