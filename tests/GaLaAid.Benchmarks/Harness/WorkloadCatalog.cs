using System.Reflection;

namespace GaLaAid.Benchmarks.Harness;

/// <summary>Every workload in this assembly, found by reflection, so that no central list needs editing.</summary>
internal static class WorkloadCatalog
{
    public static IReadOnlyList<IWorkload> All()
    {
        var workloads = typeof(WorkloadCatalog).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IWorkload).IsAssignableFrom(type))
            .Select(Create)
            .OrderBy(workload => workload.Name, StringComparer.Ordinal)
            .ToList();
        var duplicate = workloads.GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two workloads are named '{duplicate.Key}'; names select workloads and must be unique.");
        }

        return workloads;
    }

    /// <summary>The workloads named (all when none is), or an error naming the unknown ones.</summary>
    public static IReadOnlyList<IWorkload> Select(IReadOnlyList<IWorkload> all, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return all;
        }

        var unknown = names.Where(n => !all.Any(w => w.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Unknown workload(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", all.Select(w => w.Name))}.");
        }

        return all.Where(w => names.Contains(w.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    private static IWorkload Create(Type type) =>
        type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes) is { } constructor
            ? (IWorkload)constructor.Invoke(null)
            : throw new InvalidOperationException($"Workload {type.Name} needs a parameterless constructor.");
}
