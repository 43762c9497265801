using System.Globalization;

namespace Evaluation.Api.Storage;

public static class DateFormats
{
    public static string ToIsoString(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseIsoDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
