namespace GaLaAid.Benchmarks.Harness;

/// <summary>Warm-up, rounds and medians, the same way for every workload and its baseline.</summary>
internal static class Measure
{
    /// <summary>
    /// Runs warm-up rounds (thrown away), then the measured rounds; returns every measured figure.
    /// <paramref name="extraWarmupRounds"/>: for a workload whose code has been seen still settling in its
    /// first measured round; the extra rounds warm the baseline and GaLaAid alike.
    /// </summary>
    public static async Task<IReadOnlyList<T>> RoundsAsync<T>(WorkloadContext context, Func<int, Task<T>> round, int extraWarmupRounds = 0)
    {
        for (var i = 0; i < context.WarmupRounds + extraWarmupRounds; i++)
        {
            await round(-1 - i);
        }

        var figures = new List<T>();
        for (var i = 0; i < context.MeasuredRounds; i++)
        {
            figures.Add(await round(i));
        }

        return figures;
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>The nearest-rank percentile (p in 0..100).</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
