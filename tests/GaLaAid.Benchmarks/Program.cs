using GaLaAid.Benchmarks.Data;
using GaLaAid.Benchmarks.Harness;
using Microsoft.Extensions.Logging;

namespace GaLaAid.Benchmarks;

/// <summary>
/// The benchmark harness of issue 6: generates (or reuses) a database at the chosen scale, runs the
/// workloads found under Workloads/, and prints their figures beside same-run baselines as markdown.
/// </summary>
/// <remarks>Not top-level statements: the service's own entry point is already called Program.</remarks>
internal static class BenchmarkRunner
{
    public static async Task<int> Main(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var all = WorkloadCatalog.All();
        if (options.List)
        {
            foreach (var workload in all)
            {
                Console.WriteLine($"{workload.Name,-20} {workload.Description}");
            }

            return 0;
        }

        IReadOnlyList<IWorkload> selected;
        try
        {
            selected = WorkloadCatalog.Select(all, options.Only);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        // Logs go to standard error, so standard output carries the table alone.
        using var loggers = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            })
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        var logger = loggers.CreateLogger("GaLaAid.Benchmarks");
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        var dataDirectory = options.DataDirectory ?? Path.Combine(RepositoryRoot.Path, "tests", "GaLaAid.Benchmarks", "data");
        var database = await new DataGenerator(options.Scale, logger).EnsureAsync(dataDirectory, options.Regenerate, cancellation.Token);
        if (options.GenerateOnly)
        {
            return 0;
        }

        var temp = Path.Combine(Path.GetTempPath(), "galaaid-bench", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        Directory.CreateDirectory(temp);
        var rows = new List<ResultRow>();
        var crashed = false;
        try
        {
            foreach (var workload in selected)
            {
                logger.LogInformation("Workload {Workload}: {Description}", workload.Name, workload.Description);
                var context = new WorkloadContext
                {
                    Scale = options.Scale,
                    Database = database,
                    TempDirectory = Directory.CreateDirectory(Path.Combine(temp, workload.Name)).FullName,
                    Logger = loggers.CreateLogger($"GaLaAid.Benchmarks.{workload.Name}"),
                    WarmupRounds = options.WarmupRounds,
                    MeasuredRounds = options.MeasuredRounds,
                };
                try
                {
                    rows.AddRange(await workload.RunAsync(context, cancellation.Token));
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
                {
                    logger.LogError(e, "Workload {Workload} crashed", workload.Name);
                    rows.Add(ResultRow.Crashed(workload.Name, e));
                    crashed = true;
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!options.KeepTemp)
            {
                try
                {
                    Directory.Delete(temp, recursive: true);
                }
                catch (IOException e)
                {
                    logger.LogWarning("Could not delete {Temp}: {Reason}", temp, e.Message);
                }
            }
        }

        var report = Report.Markdown(options, database, rows, args);
        Console.WriteLine();
        Console.Write(report);
        if (options.OutputFile is not null)
        {
            await File.WriteAllTextAsync(options.OutputFile, report);
        }

        if (crashed || rows.Any(r => r.JudgesCorrectness && r.Verdict == Verdict.Fail))
        {
            await Console.Error.WriteLineAsync("A workload crashed or answered wrongly.");
            return 1;
        }

        var missed = rows.Count(r => r.Verdict == Verdict.Fail);
        if (options.Strict && missed > 0)
        {
            await Console.Error.WriteLineAsync($"{missed} target(s) missed.");
            return 1;
        }

        return 0;
    }
}
