using System.Reflection;

namespace Evaluation.Reporting.Templates;

/// <summary>The report's print stylesheet (embedded <c>report.css</c>) plus the page footer in the report's language.</summary>
public static class Stylesheet
{
    private static readonly string Css = Load();

    public static string For(ReportStrings strings) => Css + $$"""

        @page {
          size: A4;
          margin: 18mm 16mm 20mm;
          @bottom-center { content: "{{Quote(strings.Page)}} " counter(page) " {{Quote(strings.Of)}} " counter(pages); font-size: 9pt; color: #55534e; }
        }
        """;

    private static string Quote(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Evaluation.Reporting.Templates.report.css")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
