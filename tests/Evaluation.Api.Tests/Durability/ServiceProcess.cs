using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Evaluation.Api.Tests.Durability;

/// <summary>
/// The real service as its own process (the built Evaluation.Api.dll, as `dotnet run` would start it) on a loopback
/// port, with a temporary database: started, killed with SIGKILL at any moment, started again on the same data.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string[] _settings;
    private Process? _process;
    private HttpClient? _admin;

    /// <param name="settings">Configuration as command-line arguments (<c>--Evaluation:Storage:DatabasePath=…</c>).</param>
    public ServiceProcess(params string[] settings)
    {
        Port = FreePort();
        _settings = [$"--urls=http://127.0.0.1:{Port}", $"--Evaluation:InstrumentsPath={RepositoryPaths.Instruments}", "--Logging:LogLevel:Default=Warning",
            .. settings];
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>The service's entry assembly, built beside the tests by `dotnet build Evaluation.sln` (same configuration).</summary>
    private static string Assembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release" : "Debug";
            var path = Path.Combine(RepositoryPaths.Root, "src", "Evaluation.Api", "bin", configuration, "net10.0", "Evaluation.Api.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the service is started from its own output.", path);
        }
    }

    /// <summary>Runs a command of the service (create-key, backup, …) to its end; returns its exit code and standard output.</summary>
    public async Task<(int ExitCode, string Output)> RunCommandAsync(params string[] arguments)
    {
        using var process = Process.Start(StartInfo([.. arguments, .. _settings.Skip(1)]))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output).Trim() + (process.ExitCode != 0 ? "\n" + await errors : ""));
    }

    /// <summary>
    /// Issues an admin key with the service's own command, starts the service, and opens a survey (today inside its
    /// dates) with two circles; the client carries the key and goes with this object.
    /// </summary>
    public async Task<(string Key, HttpClient Admin, ApiScenario Scenario)> StartWithOpenSurveyAsync()
    {
        var (exit, key) = await RunCommandAsync("create-key", "--role", "admin", "--label", "test harness");
        Assert.True(exit == 0, key);
        await StartAsync();
        var admin = _admin = new HttpClient { BaseAddress = BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var scenario = await ApiScenario.CreateAsync(admin, opensOn: DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"),
            closesOn: DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"));
        return (key, admin, scenario);
    }

    /// <summary>Starts the service and waits until /health answers.</summary>
    public async Task StartAsync()
    {
        _process = Process.Start(StartInfo(_settings))!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {_process.ExitCode} while starting.");
            }
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The service did not answer /health within 60 s.");
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye; waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        await KillAsync();
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Assembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
