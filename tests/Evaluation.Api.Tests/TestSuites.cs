namespace Evaluation.Api.Tests;

/// <summary>
/// tests/run.sh runs the fast suite first and the trust suite second, each a named step printing its figures. The trust
/// suite runs the real service as a process for minutes: durability under SIGKILL, load, and fuzzing every route.
/// </summary>
public static class TestSuites
{
    public const string Trait = "Suite";

    public const string Trust = "trust";
}
