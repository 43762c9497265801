using System.Globalization;

namespace Evaluation.Localisation;

/// <summary>Days as people write them, with no culture data needed (the service runs with invariant globalisation).</summary>
public static class Dates
{
    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] WelshMonths =
        ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"];

    /// <summary>"1 December 2026", "1 Rhagfyr 2026".</summary>
    public static string Long(string language, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{day.Day} {MonthName(language, day.Month)} {day.Year}");

    /// <summary>The month's name (1–12) in the language, English for any other.</summary>
    public static string MonthName(string language, int month) => (language == Languages.Welsh ? WelshMonths : EnglishMonths)[month - 1];
}
