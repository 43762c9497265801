namespace Evaluation.Tests;

internal static class RepositoryPaths
{
    /// <summary>The checkout's root: the nearest folder above the test binaries holding Evaluation.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Instruments => Path.Combine(Root, "instruments");

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
