using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Evaluation.Instruments;

namespace Evaluation.Api.Analysis;

/// <summary>A problem in an input file, located for the person who will open it in a spreadsheet.</summary>
public sealed class AnalysisInputException(string file, long line, int? column, string message)
    : Exception(column is { } c ? $"{file}, line {line}, column {c}: {message}" : $"{file}, line {line}: {message}");

/// <summary>One key row: an item of a domain (and optionally a factor), reverse-keyed or not.</summary>
public sealed record ItemKey(string Item, string Domain, string Factor, bool Reverse);

/// <summary>
/// A spreadsheet of responses packed for speed: <see cref="Answers"/> holds one byte per cell, row after row
/// (<see cref="ItemColumns"/> wide, 0 = missing), and <see cref="GroupOfRow"/> indexes <see cref="GroupNames"/>.
/// </summary>
public sealed record ResponseTable(IReadOnlyList<string> ItemColumns, IReadOnlyList<string> GroupNames, int[] GroupOfRow, byte[] Answers)
{
    public int RowCount => GroupOfRow.Length;

    public ReadOnlySpan<byte> Row(int row) => Answers.AsSpan(row * ItemColumns.Count, ItemColumns.Count);
}

public static class AnalysisInput
{
    private static CsvConfiguration Csv => new(CultureInfo.InvariantCulture) { DetectDelimiter = false, TrimOptions = TrimOptions.Trim, CacheFields = true, BufferSize = 1 << 16 };

    /// <summary>Reads <c>item,domain,reverse[,factor]</c>; reverse is 1/0, true/false or yes/no.</summary>
    public static IReadOnlyList<ItemKey> ReadKeys(string path) => Guard(path, () => ReadKeysFrom(path));

    public static ResponseTable ReadResponses(string path, IReadOnlyList<string> items, string? groupColumn, int scaleMin, int scaleMax) =>
        Guard(path, () => ReadResponsesFrom(path, items, groupColumn, scaleMin, scaleMax));

    /// <summary>CSV the reader cannot parse (a short row, a stray quote) is reported against the right file and row.</summary>
    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (CsvHelperException exception)
        {
            throw new AnalysisInputException(Path.GetFileName(path), exception.Context?.Parser?.RawRow ?? 0, null,
                $"not readable as CSV ({exception.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)})");
        }
    }

    private static IReadOnlyList<ItemKey> ReadKeysFrom(string path)
    {
        var file = Path.GetFileName(path);
        var (csv, header) = OpenWithHeader(path, "the keys file is empty; expected the header item,domain,reverse");
        using var _ = csv;
        foreach (var required in new[] { "item", "domain", "reverse" }.Where(r => !header.Contains(r)))
        {
            throw new AnalysisInputException(file, 1, null, $"missing column '{required}' (expected item,domain,reverse and optionally factor)");
        }
        var keys = new List<ItemKey>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var item = csv.GetField("item") ?? "";
            var domain = csv.GetField("domain") ?? "";
            var reverseText = (csv.GetField("reverse") ?? "").ToLowerInvariant();
            var factor = header.Contains("factor") ? csv.GetField("factor") ?? "" : "";
            if (item.Length == 0 || domain.Length == 0)
            {
                throw new AnalysisInputException(file, line, null, "every key needs an item and a domain");
            }
            var reverse = reverseText switch
            {
                "1" or "true" or "yes" => true,
                "0" or "false" or "no" or "" => false,
                _ => throw new AnalysisInputException(file, line, Array.IndexOf(header, "reverse") + 1, $"reverse must be 1 or 0, not '{reverseText}'"),
            };
            if (keys.Any(k => k.Item == item))
            {
                throw new AnalysisInputException(file, line, 1, $"item '{item}' is keyed twice");
            }
            keys.Add(new ItemKey(item, domain, factor.Length > 0 ? factor : domain, reverse));
        }
        return keys.Count > 0 ? keys : throw new AnalysisInputException(file, 2, null, "the keys file names no items");
    }

    /// <summary>Reads the responses; every keyed item must be a column; other columns (ids, dates) are ignored.</summary>
    private static ResponseTable ReadResponsesFrom(string path, IReadOnlyList<string> items, string? groupColumn, int scaleMin, int scaleMax)
    {
        var file = Path.GetFileName(path);
        var (csv, header) = OpenWithHeader(path, "the responses file is empty");
        using var _ = csv;
        foreach (var item in items.Where(item => !header.Contains(item)))
        {
            throw new AnalysisInputException(file, 1, null, $"no column for item '{item}': every keyed item needs a column (check the spelling)");
        }
        var groupColumnIndex = groupColumn is null ? -1 : Array.IndexOf(header, groupColumn);
        if (groupColumn is not null && groupColumnIndex < 0)
        {
            throw new AnalysisInputException(file, 1, null, $"no column '{groupColumn}' to group by");
        }
        if (scaleMin < 1 || scaleMax > byte.MaxValue)
        {
            throw new AnalysisInputException(file, 1, null, $"answers are stored as 1–{byte.MaxValue}; the scale {scaleMin}–{scaleMax} does not fit");
        }
        var indexes = items.Select(item => Array.IndexOf(header, item)).ToArray();
        var answers = new byte[1 << 20];
        var rows = 0;
        var groupNames = new List<string>();
        var groupIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupOfRow = new List<int>();
        var row = new byte[indexes.Length];
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            Array.Clear(row);
            for (var i = 0; i < indexes.Length; i++)
            {
                var text = csv.GetField(indexes[i]) ?? "";
                if (text.Length == 0 || text == "NA")
                {
                    continue;
                }
                if (!TryParseNumber(text, out var value))
                {
                    throw new AnalysisInputException(file, line, indexes[i] + 1, $"'{text}' in column '{items[i]}' is not a number");
                }
                if (value != Math.Floor(value) || value < scaleMin || value > scaleMax)
                {
                    throw new AnalysisInputException(file, line, indexes[i] + 1, $"{text} in column '{items[i]}' is outside the scale {scaleMin}–{scaleMax} (whole numbers; leave the cell empty for missing)");
                }
                row[i] = (byte)value;
            }
            if ((rows + 1) * row.Length > answers.Length)
            {
                Array.Resize(ref answers, answers.Length * 2);
            }
            row.CopyTo(answers, rows++ * row.Length);
            var group = groupColumnIndex < 0 ? "all" : csv.GetField(groupColumnIndex) ?? "";
            if (group.Length == 0 || group == "NA")
            {
                throw new AnalysisInputException(file, line, groupColumnIndex + 1, $"the group column '{groupColumn}' is empty; every row needs a group");
            }
            if (!groupIndex.TryGetValue(group, out var index))
            {
                groupIndex[group] = index = groupNames.Count;
                groupNames.Add(group);
            }
            groupOfRow.Add(index);
        }
        if (groupOfRow.Count == 0)
        {
            throw new AnalysisInputException(file, 2, null, "the file has a header but no responses");
        }
        return new ResponseTable(items, groupNames, [.. groupOfRow], answers); // rows beyond RowCount are unused capacity
    }

    /// <summary>A number as R's read.csv reads it; whole numbers of one or two digits, nearly every cell, without the general parser.</summary>
    private static bool TryParseNumber(string text, out double value)
    {
        if (text.Length <= 2 && text.All(char.IsAsciiDigit))
        {
            value = text.Length == 1 ? text[0] - '0' : (text[0] - '0') * 10 + (text[1] - '0');
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Opens a CSV file and reads its header, refusing an empty file or a column named twice.</summary>
    private static (CsvReader Csv, string[] Header) OpenWithHeader(string path, string emptyMessage)
    {
        var file = Path.GetFileName(path);
        // Large sequential reads: a million-row file is read in 1 MB steps rather than 4 KB ones.
        var stream = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
            new FileStreamOptions { BufferSize = 1 << 20, Options = FileOptions.SequentialScan });
        var csv = new CsvReader(stream, Csv); // disposing the reader disposes the stream
        if (!csv.Read() || !csv.ReadHeader())
        {
            csv.Dispose();
            throw new AnalysisInputException(file, 1, null, emptyMessage);
        }
        var header = csv.HeaderRecord!;
        try
        {
            CheckDuplicates(file, header);
        }
        catch
        {
            csv.Dispose();
            throw;
        }
        return (csv, header);
    }

    private static void CheckDuplicates(string file, string[] header)
    {
        for (var i = 0; i < header.Length; i++)
        {
            // Spreadsheets often export empty trailing header cells: those columns are simply unnamed.
            if (header[i].Length > 0 && Array.IndexOf(header, header[i]) != i)
            {
                throw new AnalysisInputException(file, 1, i + 1, $"column '{header[i]}' appears twice");
            }
        }
    }

    /// <summary>An instrument built from keys: one scale, factors as keyed (or the domain itself), the product's minimum rules.</summary>
    public static SurveyInstrument InstrumentFromKeys(IReadOnlyList<ItemKey> keys, int scaleMin, int scaleMax)
    {
        static LocalizedText T(string text) => new(new Dictionary<string, string> { [LocalizedText.English] = text });
        var domains = keys.GroupBy(k => k.Domain).Select(domain => new Domain(domain.Key, T(domain.Key), T(domain.Key),
            new Dictionary<string, BandNarrative>(),
            domain.GroupBy(k => k.Factor).Select(factor => new Factor(factor.Key, T(factor.Key),
                factor.Select(k => new Item(k.Item, T(k.Item), null, k.Reverse)).ToList())).ToList())).ToList();
        return new SurveyInstrument(null, SurveyInstrument.KindName, "keys", "1", T("keys"), T("keys"), [LocalizedText.English],
            new Dictionary<string, TranslationStatus>(), [new StakeholderGroup("all", T("all"), T("all"))],
            new ResponseScale(scaleMin, scaleMax, [], T("missing")),
            new ScoringRules(new MinimumShare(1, 2, 1), new MinimumShare(2, 3, 1)),
            [new Band("scale", T("scale"), null, null)], domains);
    }
}
