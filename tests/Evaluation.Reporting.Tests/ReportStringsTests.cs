using System.Text.Json;
using Evaluation.Localisation;

namespace Evaluation.Reporting.Tests;

/// <summary>The report's words come from the report catalogue, field by field, with no key left over.</summary>
public class ReportStringsTests
{
    [Fact]
    public void EveryKeyOfTheReportCatalogue_FillsAField()
    {
        var fields = typeof(ReportStrings).GetConstructors().Single().GetParameters().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!)).ToHashSet();
        var unused = TextCatalogue.Report.Keys.Where(key => !fields.Contains(key.Split('.')[0])).ToList();
        Assert.True(unused.Count == 0, "Keys no report field reads: " + string.Join(", ", unused));
    }

    [Fact]
    public void BothLanguages_AreReadFromTheCatalogue()
    {
        Assert.Equal(TextCatalogue.Report.Get(Languages.Welsh, "reportKind"), ReportStrings.Welsh.ReportKind);
        Assert.Equal(TextCatalogue.Report.Get(Languages.English, "completionModeNames.proxy"), ReportStrings.English.CompletionModeNames["proxy"]);
        Assert.Equal(5, ReportStrings.Welsh.CompletionModeNames.Count);
        Assert.Same(ReportStrings.Welsh, ReportStrings.For("cy"));
        Assert.Same(ReportStrings.English, ReportStrings.For("fr"));
    }
}
