using System.Diagnostics.Tracing;
using System.Globalization;

namespace GaLaAid.Benchmarks.Harness;

/// <summary>
/// Splits this process's garbage collections, from the runtime's own events: how long the threads
/// took to stop, how long the collections ran, and how long marking from each kind of root took.
/// It is how the scan's long young collections were traced to objects kept alive for finalization
/// (see docs/performance.md), and stays in the log of the workloads that serve many small requests.
/// </summary>
internal sealed class GcPauseListener : EventListener
{
    private const int SuspendEnd = 8, SuspendBegin = 9, GcStart = 1, GcEnd = 2, MarkWithType = 202;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    // GCRootKind in the runtime's event manifest.
    private static readonly string[] RootKinds = ["stack", "finalize queue", "handles", "older generations", "sized refs", "overflow", "dependent handles", "new finalize queue", "steal", "background"];

    private readonly Lock gate = new();
    private readonly Dictionary<int, (double Milliseconds, long Bytes)> marking = [];
    private DateTime suspendBegan, lastMark, gcStarted;
    private double suspending, collecting;
    private int collections;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (gate)
        {
            switch (e.EventId)
            {
                case SuspendBegin:
                    suspendBegan = e.TimeStamp;
                    break;
                case SuspendEnd:
                    suspending += (e.TimeStamp - suspendBegan).TotalMilliseconds;
                    break;
                case GcStart:
                    gcStarted = lastMark = e.TimeStamp;
                    break;
                case MarkWithType:
                    var kind = Convert.ToInt32(e.Payload![e.PayloadNames!.IndexOf("Type")], CultureInfo.InvariantCulture);
                    var bytes = Convert.ToInt64(e.Payload![e.PayloadNames!.IndexOf("Bytes")], CultureInfo.InvariantCulture);
                    var (milliseconds, promoted) = marking.GetValueOrDefault(kind);
                    marking[kind] = (milliseconds + (e.TimeStamp - lastMark).TotalMilliseconds, promoted + bytes);
                    lastMark = e.TimeStamp;
                    break;
                case GcEnd:
                    collecting += (e.TimeStamp - gcStarted).TotalMilliseconds;
                    collections++;
                    break;
            }
        }
    }

    /// <summary>What was collected since the last call, and starts over.</summary>
    public string Take()
    {
        lock (gate)
        {
            var stages = marking.Where(stage => stage.Value.Milliseconds >= 0.05 || stage.Value.Bytes > 0).OrderBy(stage => stage.Key)
                .Select(stage => string.Create(CultureInfo.InvariantCulture,
                    $"{(stage.Key < RootKinds.Length ? RootKinds[stage.Key] : stage.Key.ToString(CultureInfo.InvariantCulture))} {stage.Value.Milliseconds:0.0} ms/{stage.Value.Bytes / 1024:N0} KiB"));
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{collections} GCs, stopping threads {suspending:0.0} ms, collecting {collecting:0.0} ms, marking from {string.Join(", ", stages)}");
            marking.Clear();
            suspending = collecting = 0;
            collections = 0;
            return text;
        }
    }
}
