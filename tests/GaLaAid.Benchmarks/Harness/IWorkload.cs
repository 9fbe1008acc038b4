namespace GaLaAid.Benchmarks.Harness;

/// <summary>
/// One benchmark. Any non-abstract class implementing this with a parameterless constructor is
/// found by reflection (<see cref="WorkloadCatalog"/>): adding a workload is adding a file under Workloads/.
/// </summary>
internal interface IWorkload
{
    /// <summary>Short, unique, kebab-case: what <c>--only</c> selects it by (e.g. "scan-lookup").</summary>
    string Name { get; }

    /// <summary>One sentence for <c>--list</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Measures GaLaAid and its baseline in the same run (warm-up first, several rounds, medians)
    /// and returns one or more rows. Throwing marks the workload as crashed, which fails the run.
    /// </summary>
    Task<IReadOnlyList<ResultRow>> RunAsync(WorkloadContext context, CancellationToken cancellationToken);
}
