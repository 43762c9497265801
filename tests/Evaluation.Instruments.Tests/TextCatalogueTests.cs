using Evaluation.Localisation;

namespace Evaluation.Instruments.Tests;

/// <summary>The product's own words: every catalogue loads in both languages, and a broken one says what is wrong.</summary>
public class TextCatalogueTests
{
    public static TheoryData<string> Catalogues => ["form", "report", "respondent-api"];

    private static TextCatalogue Named(string name) => name switch
    {
        "form" => TextCatalogue.Form,
        "report" => TextCatalogue.Report,
        _ => TextCatalogue.RespondentApi,
    };

    /// <summary>Words that are the same in Welsh: "Band", and the statistician's "n".</summary>
    private static readonly HashSet<string> SameInWelsh = ["band", "count"];

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void EveryText_HasEnglishAndADifferentWelsh(string name)
    {
        var catalogue = Named(name);
        Assert.NotEmpty(catalogue.Keys);
        Assert.All(catalogue.Keys, key =>
        {
            Assert.False(string.IsNullOrWhiteSpace(catalogue.Get(Languages.English, key)), key);
            if (!SameInWelsh.Contains(key))
            {
                Assert.NotEqual(catalogue.Get(Languages.English, key), catalogue.Get(Languages.Welsh, key));
            }
        });
    }

    [Fact]
    public void Parse_NamesEveryKeyAtFault()
    {
        var problem = Assert.Throws<InvalidDataException>(() => TextCatalogue.Parse("Texts/x.json", """
            {
              "ok": { "en": "Page {0} of {1}", "cy": "Tudalen {0} o {1}" },
              "noWelsh": { "en": "Back" },
              "emptyWelsh": { "en": "Next", "cy": " " },
              "french": { "en": "Yes", "cy": "Ie", "fr": "Oui" },
              "lostPlaceholder": { "en": "It opens on {0}.", "cy": "Mae'n agor." }
            }
            """));
        Assert.StartsWith("Texts/x.json: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'noWelsh' has no 'cy' text", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'emptyWelsh' has no 'cy' text", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'french' has a text in 'fr'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'lostPlaceholder' has different placeholders", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'ok'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_FormatsInTheLanguage_AndFallsBackToEnglish()
    {
        var catalogue = TextCatalogue.Parse("t", """{ "page": { "en": "Page {0} of {1}", "cy": "Tudalen {0} o {1}" } }""");
        Assert.Equal("Tudalen 2 o 5", catalogue.Format(Languages.Welsh, "page", 2, 5));
        Assert.Equal("Page 2 of 5", catalogue.Format("fr", "page", 2, 5));
        Assert.Throws<KeyNotFoundException>(() => catalogue.Get(Languages.English, "missing"));
    }

    [Theory]
    [InlineData("cy", "cy")]
    [InlineData("cy-GB,en;q=0.8", "cy")]
    [InlineData("CY", "cy")]
    [InlineData("en-GB,cy;q=0.9", "en")]
    [InlineData("cym", "en")]
    [InlineData("", "en")]
    [InlineData(null, "en")]
    public void FromTag_IsWelshOnlyWhenWelshComesFirst(string? tag, string expected) => Assert.Equal(expected, Languages.FromTag(tag));

    [Fact]
    public void Dates_AreWrittenAsPeopleWriteThem()
    {
        Assert.Equal("1 December 2026", Dates.Long(Languages.English, new DateOnly(2026, 12, 1)));
        Assert.Equal("9 Mehefin 2027", Dates.Long(Languages.Welsh, new DateOnly(2027, 6, 9)));
    }
}
