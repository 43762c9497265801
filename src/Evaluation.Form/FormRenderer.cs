using Evaluation.Form.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evaluation.Form;

/// <summary>Renders the respondent pages (Razor components, encoded by the renderer) to complete HTML documents.</summary>
public sealed class FormRenderer : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().BuildServiceProvider();
    private readonly HtmlRenderer _renderer;

    public FormRenderer() => _renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);

    /// <summary>The stylesheet every page links to (<c>/form/form.css</c>): the only other resource a page loads.</summary>
    public static string Stylesheet { get; } = ReadStylesheet();

    public Task<string> RenderAsync<TPage>(object model) where TPage : IComponent =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { ["Model"] = model });
            var output = await _renderer.RenderComponentAsync<TPage>(parameters);
            return output.ToHtmlString();
        });

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }

    private static string ReadStylesheet()
    {
        using var stream = typeof(FormRenderer).Assembly.GetManifestResourceStream("Evaluation.Form.form.css")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
