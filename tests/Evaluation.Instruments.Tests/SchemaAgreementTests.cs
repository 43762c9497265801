using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Evaluation.Instruments.Tests;

/// <summary>
/// The JSON Schemas (for editors) and the C# model (for the loader) describe the same fields: a field added to
/// one and not the other fails here. The schemas may require more than the loader (they guide authors), never less.
/// </summary>
public class SchemaAgreementTests
{
    public static TheoryData<string, string, Type> Objects => new()
    {
        { "instrument.schema.json", "", typeof(SurveyInstrument) },
        { "instrument.schema.json", "$defs.domain", typeof(Domain) },
        { "instrument.schema.json", "$defs.factor", typeof(Factor) },
        { "instrument.schema.json", "$defs.item", typeof(Item) },
        { "instrument.schema.json", "$defs.narrative", typeof(BandNarrative) },
        { "instrument.schema.json", "$defs.ratio", typeof(MinimumShare) },
        { "instrument.schema.json", "$defs.licensedBlock", typeof(LicensedBlock) },
        { "theory-of-change.schema.json", "", typeof(TheoryOfChange) },
        { "capacity-assessment.schema.json", "", typeof(CapacityAssessment) },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Schema_NamesTheSameFieldsAsTheModel(string schemaFile, string path, Type type)
    {
        var schema = Navigate(JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Instruments, schemaFile)))!, path);
        var schemaProperties = schema["properties"]!.AsObject().Select(p => p.Key).Order().ToList();
        var schemaRequired = schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToHashSet();

        var parameters = type.GetConstructors().Single().GetParameters();
        var modelProperties = parameters.Select(JsonName).Order().ToList();
        var modelRequired = parameters.Where(p => !p.HasDefaultValue).Select(JsonName).Where(name => name != "$schema");

        Assert.Equal(modelProperties, schemaProperties);
        Assert.All(modelRequired, name => Assert.Contains(name, schemaRequired));
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
    }

    private static JsonNode Navigate(JsonNode node, string path) =>
        path.Length == 0 ? node : path.Split('.').Aggregate(node, (current, key) => current[key]!);

    private static string JsonName(ParameterInfo parameter)
    {
        var property = parameter.Member.DeclaringType!.GetProperty(parameter.Name!, BindingFlags.Public | BindingFlags.Instance)!;
        return property.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
               ?? JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
    }
}
