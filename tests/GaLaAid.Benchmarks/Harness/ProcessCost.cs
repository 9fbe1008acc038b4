using System.Diagnostics;
using System.Globalization;

namespace GaLaAid.Benchmarks.Harness;

/// <summary>
/// What one phase of a workload cost the whole harness process: CPU time, bytes allocated and garbage
/// collections with their pauses. CPU per request does not depend on how much of a shared machine the
/// run got, unlike requests per second.
/// </summary>
internal sealed record ProcessCost(TimeSpan Cpu, long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, string LastYoungGc = "")
{
    public static async Task<(T Result, ProcessCost Cost)> OfAsync<T>(Func<Task<T>> phase)
    {
        var before = Now();
        var result = await phase();
        var after = Now();
        return (result, new ProcessCost(after.Cpu - before.Cpu, after.AllocatedBytes - before.AllocatedBytes,
            after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.GcPause - before.GcPause, LastYoung()));
    }

    public string PerRequest(int requests) => string.Create(CultureInfo.InvariantCulture,
        $"CPU {Cpu.TotalMilliseconds / Math.Max(1, requests):0.000} ms/req, {AllocatedBytes / Math.Max(1, requests) / 1024.0:0.0} KiB/req, GCs {Gen0}/{Gen1}/{Gen2} paused {GcPause.TotalMilliseconds:0} ms; {LastYoungGc}");

    /// <summary>The last young collection: what survived it and what was pinned, which is what its pause costs.</summary>
    private static string LastYoung()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Ephemeral);
        return string.Create(CultureInfo.InvariantCulture,
            $"last young GC: gen{info.Generation}, paused {info.PauseDurations[0].TotalMilliseconds:0.0} ms, promoted {info.PromotedBytes / 1024.0:N0} KiB, pinned {info.PinnedObjectsCount}, heap {info.HeapSizeBytes / 1048576.0:0} MB");
    }

    private static ProcessCost Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessCost(process.TotalProcessorTime, GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1),
            GC.CollectionCount(2), GC.GetTotalPauseDuration());
    }
}
