namespace Evaluation.Api.Security;

/// <summary>What a key (and, with accounts, a membership) may do; spelt <c>admin</c>, <c>evaluator</c>, <c>circle-lead</c>, <c>funder</c>.</summary>
public enum Role
{
    /// <summary>The whole deployment: organisations, keys, every organisation's data.</summary>
    Admin,

    /// <summary>Runs one organisation's evaluation.</summary>
    Evaluator,

    /// <summary>Reads the dashboards of chosen circles of one organisation.</summary>
    CircleLead,

    /// <summary>Receives one organisation's released reports.</summary>
    Funder,
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
