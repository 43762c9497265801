namespace Evaluation.Api.Responses;

/// <summary>How a response was completed; assisted completion inflates positive answers, so it is always recorded.</summary>
public static class CompletionModes
{
    public static readonly IReadOnlyList<string> All = ["self", "assisted", "proxy", "interviewer", "paper"];
}
