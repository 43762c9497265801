namespace Evaluation.Api.Hosting;

public static class Text
{
    /// <summary>Trimmed text of 1–<paramref name="maxLength"/> characters with no control characters, else null.</summary>
    public static string? Clean(string? text, int maxLength = 200)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > maxLength || trimmed.Any(char.IsControl) ? null : trimmed;
    }
}
