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

    public static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(WithdrawalRequest request, ResponseStore responses, CancellationToken cancellationToken)
    {
        if (ReceiptCodes.Normalise(request.ReceiptCode) is not { } code)
        {
            return Problems.Unprocessable("receiptCode", "A receipt code has 16 letters and digits, as XXXX-XXXX-XXXX-XXXX.");
        }
        return await responses.DeleteByReceiptAsync(code, cancellationToken) switch
        {
            WithdrawalOutcome.Deleted => TypedResults.NoContent(),
            WithdrawalOutcome.AlreadyPublished => Problems.Conflict("Already published.",
                "These answers are part of figures that have been published (a released report or a circle dashboard); taking them out now " +
                "would let someone compare the figures and work them out. Ask the evaluation team if you are worried.", "receiptCode"),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such receipt.",
                detail: "No answers are stored under this receipt code: it may have been mistyped, or the answers were already withdrawn."),
        };
    }
}
