using Evaluation.Instruments;

namespace Evaluation.Api.Instruments;

/// <summary>Thrown at start-up when any instrument file is invalid; carries every problem found.</summary>
public sealed class InvalidInstrumentsException(string folder, IReadOnlyList<InstrumentProblem> problems)
    : Exception($"Invalid instrument files in {folder}:{Environment.NewLine}" +
                string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    public IReadOnlyList<InstrumentProblem> Problems { get; } = problems;
}
