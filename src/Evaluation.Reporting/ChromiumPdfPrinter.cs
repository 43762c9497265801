using System.Diagnostics;

namespace Evaluation.Reporting;

public sealed class PdfOptions
{
    public const string Section = "Evaluation:Reports";

    /// <summary>Path to Chromium; empty means look for chromium, chromium-browser or google-chrome on PATH.</summary>
    public string ChromiumPath { get; set; } = "";

    [System.ComponentModel.DataAnnotations.Range(1, 600)]
    public int PdfTimeoutSeconds { get; set; } = 60;

    /// <summary>How many Chromium processes may print at once (each takes about 1 s of a core and 150 MB).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 16)]
    public int MaxConcurrentPrints { get; set; } = 2;
}

public enum PdfStatus
{
    Printed,
    ChromiumMissing,
    TimedOut,
    Failed,
}

public sealed record PdfResult(PdfStatus Status, byte[]? Pdf, string? Problem);

/// <summary>
/// Prints HTML to a tagged PDF with a document outline using headless Chromium (decision D1), in a fresh
/// temporary profile that is deleted afterwards. Page numbers come from the stylesheet's @page margin boxes.
/// </summary>
public sealed class ChromiumPdfPrinter(PdfOptions options) : IDisposable
{
    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome"];
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentPrints);

    public void Dispose() => _slots.Dispose();

    public string? FindChromium()
    {
        if (!string.IsNullOrWhiteSpace(options.ChromiumPath))
        {
            return File.Exists(options.ChromiumPath) ? options.ChromiumPath : null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => Candidates.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }

    public async Task<PdfResult> PrintAsync(string html, CancellationToken cancellationToken)
    {
        if (FindChromium() is not { } chromium)
        {
            return new PdfResult(PdfStatus.ChromiumMissing, null,
                "Chromium was not found. Install the Debian package 'chromium' (apt-get install -y chromium) or set Evaluation:Reports:ChromiumPath.");
        }
        await _slots.WaitAsync(cancellationToken);
        var work = Directory.CreateTempSubdirectory("evaluation-pdf-");
        try
        {
            var htmlPath = Path.Combine(work.FullName, "report.html");
            var pdfPath = Path.Combine(work.FullName, "report.pdf");
            await File.WriteAllTextAsync(htmlPath, html, cancellationToken);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in Arguments(work.FullName, htmlPath, pdfPath))
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.PdfTimeoutSeconds));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested(); // the caller went away: not a timeout
                return new PdfResult(PdfStatus.TimedOut, null, $"Chromium did not finish printing within {options.PdfTimeoutSeconds} s.");
            }
            if (process.ExitCode != 0 || !File.Exists(pdfPath))
            {
                var lastLines = string.Join(" | ", (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
                return new PdfResult(PdfStatus.Failed, null, $"Chromium exited with code {process.ExitCode}: {lastLines}");
            }
            return new PdfResult(PdfStatus.Printed, await File.ReadAllBytesAsync(pdfPath, cancellationToken), null);
        }
        finally
        {
            work.Delete(recursive: true);
            _slots.Release();
        }
    }

    /// <summary>Decision D1's flags; the sandbox is switched off only where Chromium refuses to run with it, as root.</summary>
    private static IEnumerable<string> Arguments(string profile, string htmlPath, string pdfPath) =>
    [
        "--headless",
        .. Environment.IsPrivilegedProcess ? ["--no-sandbox"] : Array.Empty<string>(),
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        $"--user-data-dir={Path.Combine(profile, "profile")}",
        "--no-pdf-header-footer",
        "--generate-pdf-document-outline",
        $"--print-to-pdf={pdfPath}",
        new Uri(htmlPath).AbsoluteUri,
    ];
}
