using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Evaluation.Instruments;

/// <summary>
/// Checks a JSON document against the shape of the model records before deserialising, so that every
/// structural problem (unknown or duplicate property, missing required field, wrong type, null where not
/// allowed) is reported at once with its path, not only the first one the serializer meets.
/// </summary>
internal static class JsonShape
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Field>> FieldsByType = new();

    private sealed record Field(string JsonName, Type Type, bool Required, bool Nullable);

    /// <summary>
    /// Reports every shape problem; returns true when the only problems are unknown properties, which the
    /// loader can skip to go on and validate the content too.
    /// </summary>
    public static bool CheckDocument(JsonElement root, Type type, ProblemList problems)
    {
        var before = problems.Problems.Count;
        Check(root, type, "$", problems);
        return problems.Problems.Skip(before).All(p => p.Message.StartsWith(UnknownProperty, StringComparison.Ordinal));
    }

    private const string UnknownProperty = "unknown property";

    private static void Check(JsonElement element, Type type, string path, ProblemList problems)
    {
        type = System.Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            Expect(element.ValueKind == JsonValueKind.String, "a string");
        }
        else if (type == typeof(int))
        {
            if (Expect(element.ValueKind == JsonValueKind.Number, "a whole number") && !element.TryGetInt32(out _))
            {
                problems.Add(path, "must be a whole number between −2147483648 and 2147483647");
            }
        }
        else if (type == typeof(double))
        {
            if (Expect(element.ValueKind == JsonValueKind.Number, "a number") && !double.IsFinite(element.GetDouble()))
            {
                problems.Add(path, "must be a finite number");
            }
        }
        else if (type == typeof(bool))
        {
            Expect(element.ValueKind is JsonValueKind.True or JsonValueKind.False, "true or false");
        }
        else if (type == typeof(LocalizedText))
        {
            if (Expect(element.ValueKind == JsonValueKind.Object, "a text: an object keyed by language code"))
            {
                foreach (var (name, value) in Properties(element, path, problems))
                {
                    Check(value, typeof(string), $"{path}.{name}", problems);
                }
            }
        }
        else if (ElementType(type, typeof(IReadOnlyList<>)) is { } itemType)
        {
            if (Expect(element.ValueKind == JsonValueKind.Array, "an array"))
            {
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, itemType, $"{path}[{index++}]", problems);
                }
            }
        }
        else if (ElementType(type, typeof(IReadOnlyDictionary<,>)) is { } valueType)
        {
            if (Expect(element.ValueKind == JsonValueKind.Object, "an object"))
            {
                foreach (var (name, value) in Properties(element, path, problems))
                {
                    Check(value, valueType, $"{path}.{name}", problems);
                }
            }
        }
        else if (Expect(element.ValueKind == JsonValueKind.Object, "an object"))
        {
            Record(element, type, path, problems);
        }

        bool Expect(bool ok, string expected)
        {
            if (!ok)
            {
                problems.Add(path, $"must be {expected}, not {Describe(element.ValueKind)}");
            }
            return ok;
        }
    }

    private static void Record(JsonElement element, Type type, string path, ProblemList problems)
    {
        var fields = FieldsByType.GetOrAdd(type, FieldsOf);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in Properties(element, path, problems))
        {
            present.Add(name);
            var field = fields.FirstOrDefault(f => f.JsonName == name);
            if (field is null)
            {
                problems.Add($"{path}.{name}", $"{UnknownProperty} '{name}'");
            }
            else if (value.ValueKind == JsonValueKind.Null)
            {
                if (!field.Nullable)
                {
                    problems.Add($"{path}.{name}", "must not be null");
                }
            }
            else
            {
                Check(value, field.Type, $"{path}.{name}", problems);
            }
        }
        foreach (var missing in fields.Where(f => f.Required && !present.Contains(f.JsonName)))
        {
            problems.Add(path, $"missing required property '{missing.JsonName}'");
        }
    }

    /// <summary>An object's properties, reporting any name that appears twice.</summary>
    private static IEnumerable<(string Name, JsonElement Value)> Properties(JsonElement element, string path, ProblemList problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                problems.Add($"{path}.{property.Name}", $"property '{property.Name}' appears twice");
                continue;
            }
            yield return (property.Name, property.Value);
        }
    }

    private static IReadOnlyList<Field> FieldsOf(Type type)
    {
        var nullability = new NullabilityInfoContext(); // not thread-safe, so one per call; the result is cached
        return type.GetConstructors().Single().GetParameters().Select(parameter =>
        {
            var property = type.GetProperty(parameter.Name!)!;
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                       ?? JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            var nullable = nullability.Create(parameter).WriteState == NullabilityState.Nullable;
            return new Field(name, parameter.ParameterType, !parameter.HasDefaultValue, nullable);
        }).ToList();
    }

    private static Type? ElementType(Type type, Type generic)
    {
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != generic)
        {
            return null;
        }
        return type.GetGenericArguments()[^1];
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };
}
