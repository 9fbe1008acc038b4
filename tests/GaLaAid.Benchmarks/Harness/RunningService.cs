using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GaLaAid.Benchmarks.Harness;

/// <summary>The real GaLaAid service, listening on a real port, on a database file of the harness's choosing.</summary>
internal abstract class RunningService : IAsyncDisposable
{
    public required Uri BaseAddress { get; init; }

    /// <summary>The process serving requests (this one for an in-process service), for /proc readings.</summary>
    public abstract int ProcessId { get; }

    /// <summary>A keep-alive client for many concurrent requests, sending this API key.</summary>
    public HttpClient CreateClient(string apiKey) => Http.CreateClient(BaseAddress, apiKey);

    public abstract ValueTask DisposeAsync();

    /// <summary>Settings every benchmarked service gets: its database, quiet logs, no test shortcuts.</summary>
    internal static Dictionary<string, string?> Settings(string databasePath, IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Path"] = databasePath,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}

/// <summary>The service in this process: the real Program on Kestrel, through WebApplicationFactory.</summary>
internal sealed class InProcessService : RunningService
{
    private readonly Factory factory;

    private InProcessService(Factory factory) => this.factory = factory;

    public override int ProcessId => Environment.ProcessId;

    public IServiceProvider Services => factory.Services;

    public static InProcessService Start(string databasePath, IReadOnlyDictionary<string, string?>? settings = null)
    {
        // The service's content root (appsettings.json) is the harness's output folder, where the build
        // copies it; without this WebApplicationFactory looks for the solution from the working directory.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GALAAID_API", AppContext.BaseDirectory);
        var port = Http.FreePort();
        var factory = new Factory(RunningService.Settings(databasePath, settings));
        factory.UseKestrel(port);
        factory.StartServer();
        return new InProcessService(factory) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public override async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private sealed class Factory(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

/// <summary>The service as a separate process: <c>dotnet GaLaAid.Api.dll</c>, as it is deployed.</summary>
internal sealed class ServiceProcess : RunningService
{
    private readonly Process process;

    private ServiceProcess(Process process) => this.process = process;

    public override int ProcessId => process.Id;

    /// <summary>When the process was started, for start-up timing.</summary>
    public required long StartedAtTimestamp { get; init; }

    /// <summary>Standard output and error of the process, for diagnosing a failed start.</summary>
    public List<string> Output { get; } = [];

    /// <summary>
    /// Starts the process, by default the build next to the harness, or <paramref name="assemblyPath"/>
    /// (a published service, see <see cref="PublishedService"/>); it is not yet answering (see <see cref="WaitUntilAnsweringAsync"/>).
    /// </summary>
    public static ServiceProcess Start(string databasePath, IReadOnlyDictionary<string, string?>? settings = null, string? assemblyPath = null)
    {
        assemblyPath ??= ServiceAssembly.Path;
        var port = Http.FreePort();
        var url = $"http://127.0.0.1:{port}/";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        info.ArgumentList.Add(assemblyPath);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url);
        foreach (var (key, value) in RunningService.Settings(databasePath, settings))
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var service = new ServiceProcess(process) { BaseAddress = new Uri(url), StartedAtTimestamp = started };
        process.OutputDataReceived += (_, e) => service.Record(e.Data);
        process.ErrorDataReceived += (_, e) => service.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>
    /// Polls until a request with this key gets a successful GraphQL answer (to this body, by default
    /// <c>{ __typename }</c>); returns the time since the process started.
    /// </summary>
    public async Task<TimeSpan> WaitUntilAnsweringAsync(string apiKey, TimeSpan timeout, CancellationToken cancellationToken, string body = """{"query":"{ __typename }"}""")
    {
        using var client = CreateClient(apiKey);
        client.Timeout = TimeSpan.FromSeconds(5);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {process.ExitCode}:\n{string.Join('\n', Output.TakeLast(30))}");
            }

            try
            {
                using var response = await client.PostAsync("graphql", Http.Json(body), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && !(await response.Content.ReadAsStringAsync(cancellationToken)).Contains("\"errors\"", StringComparison.Ordinal))
                {
                    return Stopwatch.GetElapsedTime(StartedAtTimestamp);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetElapsedTime(StartedAtTimestamp) > timeout)
            {
                throw new TimeoutException($"The service did not answer within {timeout.TotalSeconds:0} s:\n{string.Join('\n', Output.TakeLast(30))}");
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (Output)
            {
                Output.Add(line);
            }
        }
    }
}

/// <summary>The built service: the project reference puts it, with its runtime configuration and appsettings.json, next to the harness.</summary>
internal static class ServiceAssembly
{
    public static string Path
    {
        get
        {
            var built = System.IO.Path.Combine(AppContext.BaseDirectory, "GaLaAid.Api.dll");
            return File.Exists(built) ? built : throw new FileNotFoundException($"The service is not built next to the harness: {built} is missing.");
        }
    }
}

/// <summary>
/// The service published the way the README's "Deploying" section says: <c>dotnet publish -r &lt;this
/// machine's runtime&gt; --self-contained false</c>, which compiles it and its libraries ReadyToRun
/// (the project turns that on whenever a runtime is named). Start-up is measured on this form because
/// it is the one deployed; the build next to the harness is JIT-only, like <c>dotnet run</c>.
/// </summary>
internal static class PublishedService
{
    /// <summary>The configuration the harness itself was built in (Release for figures, Debug in CI's smoke run).</summary>
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>Publishes the service into <paramref name="outputDirectory"/> and returns the path of its GaLaAid.Api.dll.</summary>
    /// <param name="readyToRun">False only to prove the path quickly (smoke scale): the same publish without the ReadyToRun compilation.</param>
    public static async Task<string> PublishAsync(string outputDirectory, bool readyToRun, CancellationToken cancellationToken)
    {
        var project = System.IO.Path.Combine(RepositoryRoot.Path, "src", "GaLaAid.Api", "GaLaAid.Api.csproj");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in new[]
        {
            "publish", project, "-c", Configuration, "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier,
            "--self-contained", "false", $"-p:PublishReadyToRun={(readyToRun ? "true" : "false")}", "-o", outputDirectory, "--nologo",
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed with exit code {process.ExitCode}:\n{await output}\n{await errors}");
        }

        var published = System.IO.Path.Combine(outputDirectory, "GaLaAid.Api.dll");
        return File.Exists(published) ? published : throw new FileNotFoundException($"dotnet publish did not produce {published}.");
    }
}

/// <summary>The repository root: the folder holding GaLaAid.sln above the running harness.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "GaLaAid.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("GaLaAid.sln was not found above the harness; run it from the repository.");
    }
}

/// <summary>HTTP plumbing shared by the workloads and the baselines, so both are driven by the same client code.</summary>
internal static class Http
{
    public static HttpClient CreateClient(Uri baseAddress, string? apiKey)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        return client;
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
