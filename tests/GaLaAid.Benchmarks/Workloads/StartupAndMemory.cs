using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GaLaAid.Api.GraphQL;
using GaLaAid.Benchmarks.Harness;
using Microsoft.Extensions.Logging;

namespace GaLaAid.Benchmarks.Workloads;

/// <summary>
/// The service as deployed: <c>dotnet GaLaAid.Api.dll</c> as its own process on (a copy of) the
/// generated database. Start-up: time from process start to the first successful answer to a real
/// lookup. Memory: the resident set (VmRSS, sampled, and the peak VmHWM from /proc) while it serves
/// a mixed load of scans, handovers and staff list queries.
/// Targets: first answer ≤ 1.5 s; resident set ≤ 200 MB.
/// </summary>
internal sealed class StartupAndMemory : IWorkload
{
    private const string ScanQuery =
        "query Scan($code: String!) { itemByCode(code: $code) { id labelCode tracking receivedQuantity quantityOnHand category { name } line { description unit } } }";

    private const string HandoverMutation =
        "mutation Handover($input: RecordHandoverInput!) { recordHandover(input: $input) { handover { id } errors { __typename ... on Error { code message } } } }";

    private static readonly string[] StaffQueries =
    [
        """{"query":"{ stockItems(first: 50) { nodes { labelCode quantityOnHand category { name } line { description } } } }"}""",
        """{"query":"{ fundBalances { nodes { fund { name } balanceFen } } }"}""",
        """{"query":"{ handovers(last: 20) { nodes { id receivedBy handedOverAt } } }"}""",
    ];

    public string Name => "startup-memory";

    public string Description => "The service as a separate process on the generated database: time to first answer, resident set under a mixed load.";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The memory figures come from /proc: run this workload on Linux.");
        }

        var duration = TimeSpan.FromSeconds(context.Scale.IsSmoke ? 1 : 10);
        var path = context.CopyDatabase("startup");
        var codes = DatabaseSamples.LabelCodes(context, "1 = 1", 5_000);
        var onHand = DatabaseSamples.OnHandPerUnitCodes(context, 20_000);
        var households = DatabaseSamples.Households(context, 1_000);
        var firstAnswerBody = Scan(codes[0]);
        var nextHandover = 0;

        // The deployed form (README, "Deploying"): published, ReadyToRun. At smoke scale the publish
        // runs without the ReadyToRun step, which only proves the path and keeps CI quick.
        var readyToRun = !context.Scale.IsSmoke;
        var publishStarted = Stopwatch.GetTimestamp();
        var published = await PublishedService.PublishAsync(Path.Combine(context.TempDirectory, "published-service"), readyToRun, cancellationToken);
        var form = readyToRun ? "published ReadyToRun (README, Deploying)" : "published without ReadyToRun (smoke scale)";
        context.Logger.LogInformation("Service {Form} in {Seconds:0} s: {Path}", form, Stopwatch.GetElapsedTime(publishStarted).TotalSeconds, published);

        var figures = await Measure.RoundsAsync(context, async round =>
        {
            await using var service = ServiceProcess.Start(path, assemblyPath: published);
            var startup = await service.WaitUntilAnsweringAsync(context.AuditorKey, TimeSpan.FromSeconds(120), cancellationToken, firstAnswerBody);
            var startupCpu = ProcessCpu.Seconds(service.ProcessId);
            var afterStart = ProcStatus.Read(service.ProcessId);
            using var volunteer = service.CreateClient(context.Volunteers[0].Key);
            using var staff = service.CreateClient(context.StaffKey);
            var peakRss = afterStart.RssMegabytes;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peakRss = Math.Max(peakRss, ProcStatus.Read(service.ProcessId).RssMegabytes);
                    await Task.Delay(50, CancellationToken.None);
                }
            }, CancellationToken.None);
            var load = await LoadDriver.RunAsync(32, duration, (client, request) =>
            {
                var pick = client * 7919 + request;
                return client switch
                {
                    < 4 => LoadDriver.PostGraphQLAsync(staff, StaffQueries[pick % StaffQueries.Length], cancellationToken),
                    < 6 when Interlocked.Increment(ref nextHandover) is var next && next < onHand.Length =>
                        HandoverAsync(volunteer, onHand[next], households[pick % households.Length], cancellationToken),
                    _ => LoadDriver.PostGraphQLAsync(volunteer, Scan(codes[pick % codes.Length]), cancellationToken),
                };
            }, cancellationToken);
            await sampling.CancelAsync();
            await sampler;
            var afterLoad = ProcStatus.Read(service.ProcessId);
            peakRss = Math.Max(peakRss, afterLoad.RssMegabytes);
            context.Logger.LogInformation(
                "{Round}: first answer after {Startup:0.000} s ({Cpu:0.00} s of CPU); RSS {Start:0} MB after start, peak {Peak:0} MB, VmHWM {Hwm:0} MB under {Rps:N0} req/s ({Errors} errors)",
                round < 0 ? "Warm-up" : $"Round {round + 1}", startup.TotalSeconds, startupCpu, afterStart.RssMegabytes, peakRss, afterLoad.HwmMegabytes, load.RequestsPerSecond, load.Errors);
            return (Startup: startup.TotalSeconds, StartupCpu: startupCpu, PeakRss: peakRss, Hwm: afterLoad.HwmMegabytes, StartRss: afterStart.RssMegabytes, Load: load);
        });

        var errors = figures.Sum(f => f.Load.Errors);
        var firstError = figures.Select(f => f.Load.FirstError).FirstOrDefault(e => e is not null);
        return
        [
            ResultRow.AtMost("start-up: first answer", Measure.Median(figures.Select(f => f.Startup)), 1.5, "s",
                notes: Invariant($"process start to first itemByCode answer; dotnet GaLaAid.Api.dll {form} on {context.Database.Counts.LedgerEntries:N0} entries; {Measure.Median(figures.Select(f => f.StartupCpu)):0.00} s of CPU by then; RSS right after {Measure.Median(figures.Select(f => f.StartRss)):0} MB")),
            ResultRow.AtMost("memory: resident set under load", Measure.Median(figures.Select(f => f.Hwm)), 200, "MB",
                notes: Invariant($"VmHWM after {duration.TotalSeconds:0} s of mixed load (28 scanning, 2 handing over, 4 staff lists) at {Measure.Median(figures.Select(f => f.Load.RequestsPerSecond)):N0} req/s; sampled VmRSS peak {Measure.Median(figures.Select(f => f.PeakRss)):0} MB; {errors} errors{(firstError is null ? string.Empty : $", first: {firstError}")}")),
        ];
    }

    private static string Scan(string code) => JsonSerializer.Serialize(new { query = ScanQuery, variables = new { code } });

    private static async Task<string?> HandoverAsync(HttpClient client, string code, (long Id, string Head) household, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new
        {
            query = HandoverMutation,
            variables = new
            {
                input = new
                {
                    recipientId = GlobalId.Encode("Recipient", household.Id),
                    receivedBy = household.Head,
                    lines = new[] { new { labelCode = code } },
                },
            },
        });
        var error = await LoadDriver.PostGraphQLAsync(client, body, cancellationToken);
        return error is not null && error.Contains("\"errors\":[]", StringComparison.Ordinal) && !error.Contains("\"errors\":[{", StringComparison.Ordinal) ? null : error;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// CPU time a process has used (user + system), from /proc/&lt;pid&gt;/stat: unlike the wall clock it
/// hardly depends on what else the machine runs, so it shows whether a start-up change saved work.
/// </summary>
internal static class ProcessCpu
{
    // USER_HZ: 100 on every Linux the runtime supports.
    private const double TicksPerSecond = 100;

    public static double Seconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}

/// <summary>A process's resident set now and at its peak, from /proc/&lt;pid&gt;/status.</summary>
internal sealed record ProcStatus(double RssMegabytes, double HwmMegabytes)
{
    public static ProcStatus Read(int processId)
    {
        double rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) / 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line) / 1024;
            }
        }

        return new ProcStatus(rss, hwm);
    }

    private static double Kilobytes(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
