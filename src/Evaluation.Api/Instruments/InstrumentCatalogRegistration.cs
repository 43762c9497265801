using Evaluation.Api.Hosting;
using Evaluation.Instruments;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Instruments;

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
