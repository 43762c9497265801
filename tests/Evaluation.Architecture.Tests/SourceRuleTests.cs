using System.Text.RegularExpressions;

namespace Evaluation.Architecture.Tests;

/// <summary>
/// Rules of the source tree that a reviewer would otherwise have to remember: each names the file and line that
/// breaks it. See docs/architecture.md for why each rule exists.
/// </summary>
public partial class SourceRuleTests
{
    private static string Source => Path.Combine(RepositoryPaths.Root, "src");

    /// <summary>The storage folder: the only place that builds ADO.NET commands itself.</summary>
    private static string StorageFolder => Path.Combine(Source, "Evaluation.Api", "Storage") + Path.DirectorySeparatorChar;

    private static IEnumerable<string> SourceFiles(params string[] extensions) =>
        Directory.EnumerateFiles(Source, "*", SearchOption.AllDirectories)
            .Where(path => extensions.Contains(Path.GetExtension(path)))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    /// <summary>"file:line: text" for every line of <paramref name="files"/> that <paramref name="pattern"/> matches.</summary>
    internal static List<string> Breaches(IEnumerable<string> files, Regex pattern) =>
        files.SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, number: index + 1)))
            .Where(l => pattern.IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepositoryPaths.Root, l.path)}:{l.number}: {l.line.Trim()}")
            .ToList();

    [Fact]
    public void NoQuery_SelectsEveryColumn()
    {
        var breaches = Breaches(SourceFiles(".cs", ".sql"), SelectStar());
        Assert.True(breaches.Count == 0, "Name the columns (a new column must not change what a query returns):\n" + string.Join('\n', breaches));
    }

    [Fact]
    public void OnlyStorage_BuildsDatabaseCommandsByHand()
    {
        var breaches = Breaches(SourceFiles(".cs").Where(path => !path.StartsWith(StorageFolder, StringComparison.Ordinal)), RawCommand());
        Assert.True(breaches.Count == 0, "Run queries with Dapper (CommandDefinition); kept commands come from Storage/DbCommands:\n" +
            string.Join('\n', breaches));
    }

    [Fact]
    public void NoCode_ReadsTheWallClock()
    {
        var breaches = Breaches(SourceFiles(".cs", ".razor"), WallClock());
        Assert.True(breaches.Count == 0, "Take the time from the injected TimeProvider (tests move it):\n" + string.Join('\n', breaches));
    }

    [Fact]
    public void NoEndpoint_QueriesStorageItself()
    {
        var endpoints = SourceFiles(".cs").Where(path => Path.GetFileName(path).Contains("Endpoint", StringComparison.Ordinal));
        var breaches = Breaches(endpoints, StorageAccess());
        Assert.True(breaches.Count == 0, "Endpoints translate HTTP to a use case or a store; the SQL lives in an XxxStore:\n" + string.Join('\n', breaches));
    }

    [Fact]
    public void OnlyTheSubmissionUseCase_StoresAResponse()
    {
        var useCase = Path.Combine(Source, "Evaluation.Api", "Responses", "Submission.cs");
        var breaches = Breaches(SourceFiles(".cs").Where(path => path != useCase), StoresAResponse());
        Assert.True(breaches.Count == 0, "Every way in (API, respondent link, form) stores a response through Submission.SubmitAsync:\n" +
            string.Join('\n', breaches));
    }

    [Fact]
    public void OnlyTheIssuingUseCase_StoresInvitations()
    {
        var useCase = Path.Combine(Source, "Evaluation.Api", "Invitations", "InvitationIssuing.cs");
        var breaches = Breaches(SourceFiles(".cs").Where(path => path != useCase), StoresInvitations());
        Assert.True(breaches.Count == 0, "Invitations are issued (checked, printed, then stored) through InvitationIssuing.IssueAsync:\n" +
            string.Join('\n', breaches));
    }

    /// <summary>
    /// In the host, roles, completion modes, invitation kinds, anonymity modes, statuses and cadences are enums, spelt
    /// in kebab-case by one helper: no list of string constants stands in for one, and no enum is parsed another way.
    /// (Language codes stay strings: instrument files name their languages.)
    /// </summary>
    [Fact]
    public void ClosedSets_AreEnumsSpeltByKebab()
    {
        var (host, kebab) = (Path.Combine(Source, "Evaluation.Api") + Path.DirectorySeparatorChar, Path.Combine(Source, "Evaluation.Api", "Hosting", "Kebab.cs"));
        var breaches = Breaches(SourceFiles(".cs").Where(path => path.StartsWith(host, StringComparison.Ordinal) && path != kebab), EnumByHand());
        Assert.True(breaches.Count == 0, "Make the set an enum and spell it with Hosting/Kebab (Name, TryParse, All):\n" + string.Join('\n', breaches));
    }

    [Fact]
    public void EveryPackage_HasOneExactVersion_SetCentrally()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props"));
        var versions = PackageVersion().Matches(props).Select(m => (Name: m.Groups[1].Value, Version: m.Groups[2].Value)).ToList();
        Assert.NotEmpty(versions);
        Assert.All(versions, p => Assert.True(ExactVersion().IsMatch(p.Version), $"{p.Name} {p.Version}: pin one exact version, not a range or wildcard"));
        Assert.Equal(versions.Count, versions.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var projects = Directory.EnumerateFiles(RepositoryPaths.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"));
        var local = Breaches(projects, LocalVersion());
        Assert.True(local.Count == 0, "Versions live in Directory.Packages.props only:\n" + string.Join('\n', local));
    }

    [GeneratedRegex(@"SELECT\s+(\w+\.)?\*", RegexOptions.IgnoreCase)]
    private static partial Regex SelectStar();

    [GeneratedRegex(@"\bCreateCommand\(|\b(Sqlite|Npgsql)Command\b")]
    private static partial Regex RawCommand();

    [GeneratedRegex(@"using Dapper;|\bDatabase database\b|\bDbConnection\b|\bCommandDefinition\(")]
    private static partial Regex StorageAccess();

    [GeneratedRegex(@"\.SubmitAsync\(new NewResponse\(")]
    private static partial Regex StoresAResponse();

    [GeneratedRegex(@"\binvitations\.StoreAsync\(|InvitationStore>\(\)\.StoreAsync\(")]
    private static partial Regex StoresInvitations();

    [GeneratedRegex(@"\bEnum\.(Try)?Parse\b|ToString\(\)\.ToLower|IReadOnlyList<string> All\b")]
    private static partial Regex EnumByHand();

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b")]
    private static partial Regex WallClock();

    [GeneratedRegex("<PackageVersion\\s+Include=\"([^\"]+)\"\\s+Version=\"([^\"]+)\"")]
    private static partial Regex PackageVersion();

    [GeneratedRegex(@"^\d+\.\d+\.\d+(\.\d+)?(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex ExactVersion();

    [GeneratedRegex(@"<PackageReference[^>]*\b(Version|VersionOverride)=")]
    private static partial Regex LocalVersion();
}
