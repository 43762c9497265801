using Evaluation.Reporting.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evaluation.Reporting;

/// <summary>Renders a <see cref="ReportModel"/> to a complete HTML document with Razor components.</summary>
public sealed class ReportRenderer : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().BuildServiceProvider();
    private readonly HtmlRenderer _renderer;

    public ReportRenderer() => _renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);

    public Task<string> RenderAsync(ReportModel model) =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(ReportDocument.Model)] = model });
            var output = await _renderer.RenderComponentAsync<ReportDocument>(parameters);
            return output.ToHtmlString();
        });

    public Task<string> RenderAsync(DashboardModel model) =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(CircleDashboard.Model)] = model });
            var output = await _renderer.RenderComponentAsync<CircleDashboard>(parameters);
            return output.ToHtmlString();
        });

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }
}
