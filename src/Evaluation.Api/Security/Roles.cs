namespace Evaluation.Api.Security;

public static class Roles
{
    public const string Admin = "admin";
    public const string Evaluator = "evaluator";
    public const string CircleLead = "circle-lead";
    public const string Funder = "funder";

    public static readonly IReadOnlyList<string> All = [Admin, Evaluator, CircleLead, Funder];
}

/// <summary>Every endpoint declares one of these (or allows anonymous callers); a test checks that none is left out.</summary>
public static class Policies
{
    /// <summary>The whole deployment: create organisations, read every organisation's data.</summary>
    public const string Admin = "admin";

    /// <summary>Admins and evaluators; an evaluator reaches only their own organisation's objects.</summary>
    public const string Staff = "staff";

    /// <summary>Admins, evaluators and funders: released reports, each of their own organisation only.</summary>
    public const string Readers = "readers";

    /// <summary>Admins, evaluators and circle leads: circles, each caller those of their own scope.</summary>
    public const string CircleReaders = "circle-readers";

    /// <summary>Any valid key: public content such as the shipped instruments.</summary>
    public const string AnyKey = "any-key";
}
