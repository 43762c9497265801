using System.Diagnostics;

namespace Evaluation.Api.Tests;

/// <summary>poppler-utils (pdftotext, pdfinfo), installed by tests/run.sh; a missing tool fails the test, it is never skipped.</summary>
internal static class PdfTools
{
    public static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start; install poppler-utils (tests/run.sh does).");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
        return output;
    }

    public static async Task<(string Text, string Info)> ReadAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"evaluation-test-{Guid.NewGuid()}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            return (await RunAsync("pdftotext", "-layout", path, "-"), await RunAsync("pdfinfo", path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
