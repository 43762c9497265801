namespace Evaluation.Tests;

internal static class RepositoryPaths
{
    /// <summary>The checkout's root: the nearest folder above the test binaries holding Evaluation.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Instruments => Path.Combine(Root, "instruments");

    /// <summary>
    /// Where tests put what a person should look at (screenshots, measured figures), never inside the checkout:
    /// <c>EVALUATION_TEST_OUTPUT</c> when set (tests/run.sh sets it and says where), else a folder under the system temp.
    /// </summary>
    public static string TestOutput { get; } = Environment.GetEnvironmentVariable("EVALUATION_TEST_OUTPUT") is { Length: > 0 } folder
        ? folder
        : Path.Combine(Path.GetTempPath(), "evaluation-test-output");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Evaluation.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Evaluation.sln not found above " + AppContext.BaseDirectory);
    }
}
