namespace Evaluation.Instruments;

/// <summary>One problem in an instrument file, located by its JSON path.</summary>
public sealed record InstrumentProblem(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Message}";
}

/// <summary>Collects problems for one file while a validator walks it.</summary>
internal sealed class ProblemList(string file)
{
    private readonly List<InstrumentProblem> _problems = [];

    public IReadOnlyList<InstrumentProblem> Problems => _problems;

    public void Add(string path, string message) => _problems.Add(new InstrumentProblem(file, path, message));

    public void RequireText(LocalizedText? text, string path, IReadOnlyList<string> languages)
    {
        if (text is null)
        {
            Add(path, "is required");
            return;
        }
        foreach (var language in languages.Where(language => !text.Has(language)))
        {
            Add($"{path}.{language}", $"missing translation ({language})");
        }
        foreach (var language in text.ByLanguage.Keys.Where(language => !languages.Contains(language)))
        {
            Add($"{path}.{language}", $"language '{language}' is not listed in $.languages");
        }
    }

    public void RequireUniqueIds<T>(IReadOnlyList<T> items, Func<T, string> id, string path, HashSet<string>? seen = null)
    {
        seen ??= new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var value = id(items[i]);
            if (!IdRules.IsValid(value))
            {
                Add($"{path}[{i}].id", $"'{value}' is not a valid id (lower-case letters, digits and hyphens)");
            }
            if (!seen.Add(value))
            {
                Add($"{path}[{i}].id", $"duplicate id '{value}'");
            }
        }
    }
}

internal static class IdRules
{
    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 &&
        id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') &&
        id[0] != '-' && id[^1] != '-' && !id.Contains("--", StringComparison.Ordinal);
}
