using System.Text;
using Evaluation.Api.Responses;

namespace Evaluation.Api.Tests;

[Trait(TestBackend.Trait, TestBackend.NoDatabase)]
public class StoredAnswersTests
{
    private static byte[] ReadInto(string[] items, string json)
    {
        var row = new byte[items.Length];
        new StoredAnswers.Reader(items).Read(Encoding.UTF8.GetBytes(json), row);
        return row;
    }

    [Fact]
    public void Read_WhatWriteStored_GivesEachAnswerInItsColumnAndZeroForNotApplicableOrAbsent()
    {
        var json = StoredAnswers.Write([new("b", 5), new("a", null), new("d", 1)]);

        Assert.Equal("""{"b":5,"a":null,"d":1}""", json);
        Assert.Equal([0, 5, 0, 1], ReadInto(["a", "b", "c", "d"], json));
    }

    [Fact]
    public void Read_AnItemTheInstrumentDoesNotHave_IsRefusedNotDropped()
    {
        var refused = Assert.Throws<InvalidDataException>(() => ReadInto(["a", "b"], """{"a":1,"z":2}"""));
        Assert.Contains("'z'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnItemNameWithEscapes_MatchesTheUnescapedId()
    {
        Assert.Equal([3], ReadInto(["caf\u00e9"], """{"caf\u00e9":3}"""));
    }
}
