using System.Globalization;

namespace GaLaAid.Benchmarks.Harness;

/// <summary>Whether a figure met its target. Not judged when the figure could not be measured.</summary>
internal enum Verdict
{
    Pass,
    Fail,
    NotJudged,
}

/// <summary>
/// One line of the result table: what GaLaAid did, what the floor of its stack did in the same run,
/// and whether the target (usually a ratio, because machines differ) was met.
/// </summary>
internal sealed record ResultRow
{
    public required string Workload { get; init; }

    /// <summary>The GaLaAid figure, in <see cref="Unit"/>.</summary>
    public required double Figure { get; init; }

    /// <summary>The baseline measured in the same run, in the same unit; null when the target is absolute.</summary>
    public double? Baseline { get; init; }

    public required string Unit { get; init; }

    /// <summary>The target as the table shows it, e.g. "≥ 50 % of baseline" or "≤ 10 ms".</summary>
    public required string Target { get; init; }

    public required Verdict Verdict { get; init; }

    public string Notes { get; init; } = string.Empty;

    /// <summary>
    /// The row judges correctness (errors, wrong answers), not speed: when it fails, the run fails
    /// even without --strict, so CI's smoke run catches it.
    /// </summary>
    public bool JudgesCorrectness { get; init; }

    public double? Ratio => Baseline is > 0 ? Figure / Baseline.Value : null;

    /// <summary>A figure where more is better (throughput, rows per second): passes at ≥ minimumRatio × baseline.</summary>
    public static ResultRow AtLeastRatioOf(string workload, double figure, double baseline, string unit, double minimumRatio, string notes = "") => new()
    {
        Workload = workload,
        Figure = figure,
        Baseline = baseline,
        Unit = unit,
        Target = string.Create(CultureInfo.InvariantCulture, $"≥ {minimumRatio * 100:0} % of baseline"),
        Verdict = baseline > 0 ? (figure >= minimumRatio * baseline ? Verdict.Pass : Verdict.Fail) : Verdict.NotJudged,
        Notes = notes,
    };

    /// <summary>A figure where less is better (time): passes at ≤ maximumRatio × baseline.</summary>
    public static ResultRow AtMostRatioOf(string workload, double figure, double baseline, string unit, double maximumRatio, string notes = "") => new()
    {
        Workload = workload,
        Figure = figure,
        Baseline = baseline,
        Unit = unit,
        Target = string.Create(CultureInfo.InvariantCulture, $"≤ {maximumRatio:0.##} × baseline"),
        Verdict = baseline > 0 ? (figure <= maximumRatio * baseline ? Verdict.Pass : Verdict.Fail) : Verdict.NotJudged,
        Notes = notes,
    };

    /// <summary>An absolute ceiling (latency, memory): passes at ≤ limit.</summary>
    public static ResultRow AtMost(string workload, double figure, double limit, string unit, double? baseline = null, string notes = "") => new()
    {
        Workload = workload,
        Figure = figure,
        Baseline = baseline,
        Unit = unit,
        Target = string.Create(CultureInfo.InvariantCulture, $"≤ {limit:0.###} {unit}"),
        Verdict = figure <= limit ? Verdict.Pass : Verdict.Fail,
        Notes = notes,
    };

    /// <summary>A count that must be exactly this (errors: 0): a correctness row.</summary>
    public static ResultRow Exactly(string workload, double figure, double expected, string unit, string notes = "") => new()
    {
        JudgesCorrectness = true,
        Workload = workload,
        Figure = figure,
        Unit = unit,
        Target = string.Create(CultureInfo.InvariantCulture, $"= {expected:0.###}"),
        Verdict = figure == expected ? Verdict.Pass : Verdict.Fail,
        Notes = notes,
    };

    /// <summary>The workload threw: the row says so instead of a figure.</summary>
    public static ResultRow Crashed(string workload, Exception exception) => new()
    {
        JudgesCorrectness = true,
        Workload = workload,
        Figure = double.NaN,
        Unit = "-",
        Target = "-",
        Verdict = Verdict.Fail,
        Notes = $"crashed: {exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}",
    };
}
