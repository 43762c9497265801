using Evaluation.Instruments;

namespace Evaluation.Scoring;

/// <summary>One respondent's answers: item id → value on the scale, or null for "not applicable".</summary>
public sealed record ResponseAnswers(
    string CircleId,
    string StakeholderGroup,
    string CompletionMode,
    IReadOnlyDictionary<string, int?> Answers);

/// <summary>
/// A survey's responses packed for scoring: one byte per item per response in <see cref="ItemIds"/> order
/// (0 = no answer: skipped, not applicable or not shown), and per response the index of its circle,
/// stakeholder group and completion mode in the survey's lists. A million responses of 36 items take 48 MB.
/// </summary>
public sealed class ResponseMatrix
{
    private byte[] _answers;
    private int[] _circle;
    private int[] _group;
    private int[] _mode;

    public ResponseMatrix(IReadOnlyList<string> itemIds, IReadOnlyList<string> circles, IReadOnlyList<string> stakeholderGroups,
        IReadOnlyList<string> completionModes, int capacity = 64)
    {
        ItemIds = itemIds;
        Circles = circles;
        StakeholderGroups = stakeholderGroups;
        CompletionModes = completionModes;
        capacity = Math.Max(capacity, 1);
        _answers = new byte[capacity * Math.Max(itemIds.Count, 1)];
        _circle = new int[capacity];
        _group = new int[capacity];
        _mode = new int[capacity];
    }

    public IReadOnlyList<string> ItemIds { get; }

    public IReadOnlyList<string> Circles { get; }

    public IReadOnlyList<string> StakeholderGroups { get; }

    public IReadOnlyList<string> CompletionModes { get; }

    public int Count { get; private set; }

    public ReadOnlySpan<byte> Row(int row) => _answers.AsSpan(row * ItemIds.Count, ItemIds.Count);

    public int CircleOf(int row) => _circle[row];

    public int GroupOf(int row) => _group[row];

    public int ModeOf(int row) => _mode[row];

    /// <summary>Appends a response and returns its row, all zero, for the caller to fill with answers.</summary>
    public Span<byte> Add(int circle, int stakeholderGroup, int completionMode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(circle);
        ArgumentOutOfRangeException.ThrowIfNegative(stakeholderGroup);
        ArgumentOutOfRangeException.ThrowIfNegative(completionMode);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(circle, Circles.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(stakeholderGroup, StakeholderGroups.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(completionMode, CompletionModes.Count);
        if (Count == _circle.Length)
        {
            var capacity = _circle.Length * 2;
            Array.Resize(ref _answers, capacity * Math.Max(ItemIds.Count, 1));
            Array.Resize(ref _circle, capacity);
            Array.Resize(ref _group, capacity);
            Array.Resize(ref _mode, capacity);
        }
        _circle[Count] = circle;
        _group[Count] = stakeholderGroup;
        _mode[Count] = completionMode;
        return _answers.AsSpan(Count++ * ItemIds.Count, ItemIds.Count);
    }

    /// <summary>Packs responses given as item → value maps; answers to items the instrument does not have are ignored.</summary>
    public static ResponseMatrix From(SurveyInstrument instrument, IReadOnlyCollection<ResponseAnswers> responses,
        IReadOnlyList<string> circles, IReadOnlyList<string> stakeholderGroups, IReadOnlyList<string> completionModes)
    {
        var itemIds = instrument.Items.Select(item => item.Id).ToList();
        var matrix = new ResponseMatrix(itemIds, circles, stakeholderGroups, completionModes, responses.Count);
        foreach (var response in responses)
        {
            var row = matrix.Add(IndexOf(circles, response.CircleId), IndexOf(stakeholderGroups, response.StakeholderGroup),
                IndexOf(completionModes, response.CompletionMode));
            for (var i = 0; i < itemIds.Count; i++)
            {
                if (response.Answers.TryGetValue(itemIds[i], out var answer) && answer is { } value)
                {
                    row[i] = checked((byte)value);
                }
            }
        }
        return matrix;
    }

    private static int IndexOf(IReadOnlyList<string> keys, string key)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] == key)
            {
                return i;
            }
        }
        throw new ArgumentException($"'{key}' is not one of the survey's {string.Join(", ", keys)}.", nameof(key));
    }
}
