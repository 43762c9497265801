using Evaluation.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Responses;

public sealed record WithdrawalRequest(string ReceiptCode);

/// <summary>
/// A respondent withdraws their answers with the receipt code they were given: the response is deleted outright
/// and every later score, report and export is computed without it, until the wave's figures are published. No key is needed (the code is the proof),
/// nothing about the respondent is recorded, and the same answer is given whatever survey the code was for.
/// </summary>
public static class WithdrawalEndpoints
{
    public static IEndpointRouteBuilder MapWithdrawals(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/withdrawals", Withdraw).WithName(nameof(Withdraw)).WithSummary("Withdraw a response with its receipt code").WithTags("Responses").AllowAnonymous()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(WithdrawalRequest request, ResponseStore responses, HttpContext context,
        CancellationToken cancellationToken)
    {
        var language = RespondentProblems.LanguageOf(context);
        if (ReceiptCodes.Normalise(request.ReceiptCode) is not { } code)
        {
            return RespondentProblems.Unprocessable(language, "receiptCode", "receipt.format");
        }
        return await responses.DeleteByReceiptAsync(code, cancellationToken) switch
        {
            WithdrawalOutcome.Deleted => TypedResults.NoContent(),
            WithdrawalOutcome.AlreadyPublished => RespondentProblems.Conflict(language, "receipt.published", "receiptCode"),
            _ => RespondentProblems.Problem(language, StatusCodes.Status404NotFound, "receipt.unknown"),
        };
    }
}
