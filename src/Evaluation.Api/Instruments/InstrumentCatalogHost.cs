using Evaluation.Api.Hosting;
using Evaluation.Instruments;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Instruments;

/// <summary>Thrown at start-up when any instrument file is invalid; carries every problem found.</summary>
public sealed class InvalidInstrumentsException(string folder, IReadOnlyList<InstrumentProblem> problems)
    : Exception($"Invalid instrument files in {folder}:{Environment.NewLine}" +
                string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    public IReadOnlyList<InstrumentProblem> Problems { get; } = problems;
}

public static class InstrumentCatalogRegistration
{
    /// <summary>Loads the catalog once, at start-up; an invalid file stops the host with every problem listed.</summary>
    public static IServiceCollection AddInstrumentCatalog(this IServiceCollection services) =>
        services.AddSingleton(provider =>
        {
            var folder = provider.GetRequiredService<IOptions<EvaluationOptions>>().Value.ResolveInstrumentsPath();
            var result = InstrumentLoader.LoadDirectory(folder);
            return result.Catalog ?? throw new InvalidInstrumentsException(folder, result.Problems);
        });
}
