using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Evaluation.Instruments;

/// <summary>Loads and validates every instrument file in a folder, reporting all problems at once.</summary>
public static class InstrumentLoader
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        AllowDuplicateProperties = false,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>As <see cref="JsonOptions"/> but skipping unknown properties, which the shape check has already reported.</summary>
    private static readonly JsonSerializerOptions LenientOptions = new(JsonOptions) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    public static CatalogLoadResult LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new CatalogLoadResult(null, [new InstrumentProblem(directory, "$", "the instruments folder does not exist")]);
        }
        var unreadable = new List<InstrumentProblem>();
        var files = new List<(string Name, byte[] Bytes)>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.json")
                     .Where(path => !path.EndsWith(".schema.json", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            try
            {
                files.Add((Path.GetFileName(path), File.ReadAllBytes(path)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                unreadable.Add(new InstrumentProblem(Path.GetFileName(path), "$", $"cannot be read: {exception.Message}"));
            }
        }
        var result = Load(files);
        return unreadable.Count == 0 ? result : new CatalogLoadResult(null, [.. unreadable, .. result.Problems]);
    }

    public static CatalogLoadResult Load(IEnumerable<(string Name, byte[] Bytes)> files)
    {
        var problems = new List<InstrumentProblem>();
        var surveys = new List<LoadedFile<SurveyInstrument>>();
        var theories = new List<(LoadedFile<TheoryOfChange> File, ProblemList Problems)>();
        var capacities = new List<LoadedFile<CapacityAssessment>>();
        var seen = new Dictionary<(string Id, string Version), string>();

        foreach (var (name, bytes) in files)
        {
            var fileProblems = new ProblemList(name);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            switch (Parse(bytes, fileProblems))
            {
                case SurveyInstrument survey:
                    SurveyInstrumentValidator.Validate(survey, fileProblems);
                    Register(SurveyInstrument.KindName, survey.Id, survey.Version);
                    surveys.Add(new LoadedFile<SurveyInstrument>(name, sha, survey));
                    break;
                case TheoryOfChange theory:
                    Register(TheoryOfChange.KindName, theory.Id, theory.Version);
                    theories.Add((new LoadedFile<TheoryOfChange>(name, sha, theory), fileProblems));
                    break;
                case CapacityAssessment assessment:
                    CapacityAssessmentValidator.Validate(assessment, fileProblems);
                    Register(CapacityAssessment.KindName, assessment.Id, assessment.Version);
                    capacities.Add(new LoadedFile<CapacityAssessment>(name, sha, assessment));
                    break;
            }
            problems.AddRange(fileProblems.Problems);

            void Register(string kind, string id, string version)
            {
                // Unique across kinds too: the API finds any file by id and version.
                if (!seen.TryAdd((id, version), name))
                {
                    fileProblems.Add("$.version", $"{kind} '{id}' version '{version}': this id and version are also used by {seen[(id, version)]}");
                }
            }
        }

        // Theories of change are checked last: their evidence refers to survey instruments.
        SurveyInstrument? FindSurvey(string id, string version) =>
            surveys.FirstOrDefault(s => s.Content.Id == id && s.Content.Version == version)?.Content;
        foreach (var (file, fileProblems) in theories)
        {
            TheoryOfChangeValidator.Validate(file.Content, FindSurvey, fileProblems);
            problems.AddRange(fileProblems.Problems);
        }

        var catalog = new InstrumentCatalog(surveys, theories.Select(t => t.File).ToList(), capacities);
        return new CatalogLoadResult(problems.Count == 0 ? catalog : null, problems);
    }

    private static object? Parse(byte[] bytes, ProblemList problems)
    {
        ReadOnlyMemory<byte> json = bytes.AsSpan().StartsWith(Utf8Bom) ? bytes.AsMemory(Utf8Bom.Length) : bytes;
        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
        {
            problems.Add("$", "the file is not valid UTF-8 text; save it as UTF-8");
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var kind = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var kindElement) &&
                       kindElement.ValueKind == JsonValueKind.String
                ? kindElement.GetString()
                : null;
            var type = kind switch
            {
                SurveyInstrument.KindName => typeof(SurveyInstrument),
                TheoryOfChange.KindName => typeof(TheoryOfChange),
                CapacityAssessment.KindName => typeof(CapacityAssessment),
                _ => null,
            };
            if (type is null)
            {
                problems.Add("$.kind", $"must be one of '{SurveyInstrument.KindName}', '{TheoryOfChange.KindName}', '{CapacityAssessment.KindName}'");
                return null;
            }
            // Every structural problem first, all at once. A file whose only fault is unknown properties is still
            // read (skipping them) so that its content problems are listed in the same run.
            return JsonShape.CheckDocument(root, type, problems) ? root.Deserialize(type, LenientOptions) : null;
        }
        catch (JsonException exception)
        {
            // The reader's line number counts from 0.
            var location = exception.LineNumber is { } line ? $" (line {line + 1})" : "";
            problems.Add(exception.Path ?? "$", JsonErrors.Describe(exception) + location);
            return null;
        }
    }
}

/// <summary>The catalog when every file is valid; otherwise null and the full list of problems.</summary>
public sealed record CatalogLoadResult(InstrumentCatalog? Catalog, IReadOnlyList<InstrumentProblem> Problems);
