namespace Evaluation.Api.Responses;

/// <summary>How a response was completed; assisted completion inflates positive answers, so it is always recorded.</summary>
public enum CompletionMode
{
    /// <summary>The respondent answered alone.</summary>
    Self,

    /// <summary>Someone helped the respondent read or mark the answers.</summary>
    Assisted,

    /// <summary>Someone answered for the respondent.</summary>
    Proxy,

    /// <summary>Staff asked the questions and keyed the answers.</summary>
    Interviewer,

    /// <summary>A paper form keyed in by staff.</summary>
    Paper,
}
