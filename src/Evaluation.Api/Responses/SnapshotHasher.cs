using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Evaluation.Api.Storage;
using Evaluation.Reporting;

namespace Evaluation.Api.Responses;

/// <summary>
/// The SHA-256 of a survey's responses as stored, and how many there are. Each response is one line (id, circle,
/// group, mode, day, answers and comments as stored, tab-separated, ending in a newline); the snapshot is the SHA-256
/// of those lines' own SHA-256 values (lower-case hex, one per line) in ordinal id order, so it does not depend on the
/// database's collation or the order rows are read in. Reports quote it and the export's README repeats it.
/// </summary>
internal sealed class SnapshotHasher
{
    /// <summary>The columns <see cref="Add"/> reads, in this order.</summary>
    public const string Columns = "id, circle_id, stakeholder_group, completion_mode, submitted_on, answers, comments";

    private const int ColumnCount = 7;
    private const int AnswersColumn = 5;

    private readonly List<(string Id, byte[] Hash)> _rows = [];
    private byte[] _line = new byte[4096];
    private byte[] _column = new byte[4096];
    private (int Start, int Length) _answers;

    /// <summary>The answers column of the row last added, as stored (UTF-8 JSON).</summary>
    public ReadOnlySpan<byte> Answers => _line.AsSpan(_answers.Start, _answers.Length);

    /// <summary>Hashes the current row, whose <see cref="Columns"/> start at ordinal <paramref name="first"/>, from its UTF-8 bytes.</summary>
    public void Add(SqlDialect dialect, DbDataReader reader, int first)
    {
        var length = 0;
        _answers = (0, 0);
        for (var i = 0; i < ColumnCount; i++)
        {
            var bytes = reader.IsDBNull(first + i) ? 0
                : i == AnswersColumn ? dialect.ReadUtf8(reader, first + i, ref _column)
                : Utf8(reader.GetString(first + i));
            if (length + bytes + 1 > _line.Length)
            {
                Array.Resize(ref _line, Math.Max(_line.Length * 2, length + bytes + 1));
            }
            _column.AsSpan(0, bytes).CopyTo(_line.AsSpan(length));
            if (i == AnswersColumn)
            {
                _answers = (length, bytes);
            }
            length += bytes;
            _line[length++] = (byte)(i < ColumnCount - 1 ? '\t' : '\n');
        }
        _rows.Add((reader.GetString(first), SHA256.HashData(_line.AsSpan(0, length))));
    }

    /// <summary>A short column's text into the column buffer (the answers are copied as they are stored instead).</summary>
    private int Utf8(string text)
    {
        if (Encoding.UTF8.GetMaxByteCount(text.Length) > _column.Length)
        {
            _column = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        }
        return Encoding.UTF8.GetBytes(text, _column);
    }

    public DataSnapshot Finish()
    {
        _rows.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (_, hash) in _rows)
        {
            all.AppendData(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(hash) + "\n"));
        }
        return new DataSnapshot(_rows.Count, Convert.ToHexStringLower(all.GetHashAndReset()));
    }
}
