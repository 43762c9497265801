namespace Evaluation.Api.Security;

public static class Roles
{
    public const string Admin = "admin";
    public const string Evaluator = "evaluator";
    public const string CircleLead = "circle-lead";
    public const string Funder = "funder";

    /// <summary>Roles a key can be created for today. Circle leads and funders need scoping (organisation, circle), which comes later.</summary>
    public static readonly IReadOnlyList<string> Issuable = [Admin, Evaluator];
}

public static class Policies
{
    /// <summary>Admins and evaluators: set up organisations and surveys, enter responses, read everything.</summary>
    public const string Staff = "staff";
}
