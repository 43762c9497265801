using System.Text;
using System.Text.Json;
using Evaluation.Scoring;

namespace Evaluation.Api.Responses;

/// <summary>
/// A response's answers as stored in its row: one JSON object, item id → value on the scale, or null for
/// "not applicable / prefer not to say"; items not shown to the respondent are absent.
/// </summary>
public static class StoredAnswers
{
    public static string Write(IEnumerable<KeyValuePair<string, int?>> answers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (item, value) in answers)
            {
                if (value is { } v)
                {
                    writer.WriteNumber(item, v);
                }
                else
                {
                    writer.WriteNull(item);
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads the items of a matrix's columns, keyed by their UTF-8 names, without allocating per answer.</summary>
    public sealed class Reader(IReadOnlyList<string> itemIds)
    {
        private readonly byte[][] _names = itemIds.Select(Encoding.UTF8.GetBytes).ToArray();
        private byte[] _buffer = new byte[4096];

        /// <summary>Fills <paramref name="row"/> from the stored answers in column <paramref name="ordinal"/>, copied as UTF-8 (on SQLite without a string).</summary>
        public void Read(Storage.SqlDialect dialect, System.Data.Common.DbDataReader reader, int ordinal, Span<byte> row)
        {
            var length = dialect.ReadUtf8(reader, ordinal, ref _buffer);
            Read(_buffer.AsSpan(0, length), row);
        }

        /// <summary>Fills <paramref name="row"/> (matrix order, 0 = no answer) from one stored JSON object.</summary>
        public void Read(ReadOnlySpan<byte> json, Span<byte> row)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidDataException("Stored answers are not a JSON object.");
            }
            var expected = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var position = Find(ref reader, expected);
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number)
                {
                    row[position] = checked((byte)reader.GetInt32());
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    throw new InvalidDataException($"A stored answer to item '{Encoding.UTF8.GetString(_names[position])}' is neither a number nor null.");
                }
                expected = position + 1;
            }
        }

        /// <summary>Answers are written in instrument order, so the next column is tried first.</summary>
        private int Find(ref Utf8JsonReader reader, int expected)
        {
            if (expected < _names.Length && reader.ValueTextEquals(_names[expected]))
            {
                return expected;
            }
            for (var i = 0; i < _names.Length; i++)
            {
                if (reader.ValueTextEquals(_names[i]))
                {
                    return i;
                }
            }
            throw new InvalidDataException($"A stored answer names item '{reader.GetString()}', which the survey's instrument version does not have.");
        }
    }
}
