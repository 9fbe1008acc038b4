using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GaLaAid.Api.Tests.GraphQL;

/// <summary>
/// Runs the graphql-http server audit suite (tests/http-audit, pinned graphql-http) against the
/// service on a real TCP port. Every audit, MUST, SHOULD and MAY alike, must be ok. Skipped, not
/// passed, where node or the audit's packages (npm ci --prefix tests/http-audit) are missing.
/// </summary>
public sealed class GraphQLHttpAuditTests(ITestOutputHelper output)
{
    private static readonly TimeSpan AuditTimeout = TimeSpan.FromMinutes(3);
    private static readonly string AuditDirectory = Path.Combine(RepositoryRoot.Path, "tests", "http-audit");

    [SkippableFact]
    public async Task Every_graphql_http_audit_passes()
    {
        var node = FindOnPath("node");
        Skip.If(node is null, "node is not on PATH; the graphql-http audit needs Node.js 18 or later.");
        Skip.If(
            !Directory.Exists(Path.Combine(AuditDirectory, "node_modules", "graphql-http")),
            "tests/http-audit/node_modules is missing; run: npm ci --prefix tests/http-audit");

        using var app = new GaLaAidApp();
        app.UseKestrel(0);
        app.StartServer();
        var url = new Uri(ListeningAddress(app), "/graphql");

        var (exitCode, stdout, stderr) = await RunAsync(node!, [Path.Combine(AuditDirectory, "audit.mjs"), url.ToString(), GaLaAidApp.AdminKey]);
        output.WriteLine(stdout);
        output.WriteLine(stderr);

        var summary = LastJsonLine(stdout);
        Assert.True(summary is not null, $"The audit printed no summary (exit {exitCode}).\n{stdout}\n{stderr}");
        Assert.True(summary["fatal"] is null, $"The audit could not run: {summary["fatal"]}\n{stderr}");
        var total = (int)summary["total"]!;
        Assert.True(total > 0, "The audit ran no audits.");
        Assert.True(
            (int)summary["ok"]! == total && exitCode == 0,
            $"Not every audit is ok ({summary.ToJsonString()}):\n{FailureLines(stdout)}");
    }

    private static Uri ListeningAddress(GaLaAidApp app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reports no listening address.");
        // Kestrel may report a wildcard host; the audit runs on this machine.
        var uri = new UriBuilder(address);
        if (uri.Host is "[::]" or "+" or "*" or "0.0.0.0")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(AuditTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The audit did not finish within {AuditTimeout}.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string? FindOnPath(string command)
    {
        var names = OperatingSystem.IsWindows() ? new[] { command + ".exe", command + ".cmd" } : [command];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => names.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }

    private static JsonObject? LastJsonLine(string stdout)
    {
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return last is not null && last.StartsWith('{') ? JsonNode.Parse(last) as JsonObject : null;
    }

    /// <summary>The lines of every audit that is not ok, with the reason and response printed under it.</summary>
    private static string FailureLines(string stdout) =>
        string.Join('\n', stdout.Split('\n').Where(line => !line.StartsWith("ok ", StringComparison.Ordinal)));
}
