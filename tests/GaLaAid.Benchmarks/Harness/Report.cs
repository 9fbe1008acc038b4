using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using GaLaAid.Benchmarks.Data;

namespace GaLaAid.Benchmarks.Harness;

/// <summary>The result table in markdown, headed by what a reader needs to compare runs: machine, runtime, date, scale, command.</summary>
internal static class Report
{
    /// <summary>The configuration this harness was built in (CI's smoke run uses the default, Debug).</summary>
    private static readonly string BuildConfiguration =
        typeof(Report).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";

    public static string Markdown(BenchmarkOptions options, GeneratedDatabase database, IReadOnlyList<ResultRow> rows, IEnumerable<string> args)
    {
        var text = new StringBuilder();
        var line = (string value) => text.Append(value).Append('\n');
        line("## GaLaAid benchmark results");
        line(string.Empty);
        line(Invariant($"- Command: `dotnet run -c {BuildConfiguration} --project tests/GaLaAid.Benchmarks -- {string.Join(' ', args)}`"));
        if (!BuildConfiguration.Equals("Release", StringComparison.OrdinalIgnoreCase))
        {
            line(Invariant($"- Built as {BuildConfiguration}, not Release: these figures prove the paths work, they measure nothing."));
        }

        line(Invariant($"- Date (UTC): {DateTime.UtcNow:yyyy-MM-dd HH:mm}"));
        line(Invariant($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()} {RuntimeInformation.OSArchitecture}, {RuntimeInformation.FrameworkDescription}"));
        line(Invariant($"- Scale: {options.Scale.Name} — {database.Counts.LedgerEntries:N0} ledger entries ({database.Counts.StockEntries:N0} stock, {database.Counts.FundEntries:N0} fund), {database.Counts.StockItems:N0} items, {database.Counts.Handovers:N0} handovers, {database.Counts.Households:N0} households"));
        line(Invariant($"- Rounds: {options.WarmupRounds} warm-up, {options.MeasuredRounds} measured; figures are medians"));
        line(string.Empty);
        line("| Workload | GaLaAid | Baseline | Unit | Ratio | Target | Result | Notes |");
        line("|---|---:|---:|---|---:|---|---|---|");
        foreach (var row in rows)
        {
            line(Invariant($"| {row.Workload} | {Number(row.Figure)} | {(row.Baseline is { } b ? Number(b) : "–")} | {row.Unit} | {(row.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "–")} | {row.Target} | {Verdict(row.Verdict)} | {row.Notes.Replace("|", "\\|", StringComparison.Ordinal)} |"));
        }

        return text.ToString();
    }

    private static string Verdict(Verdict verdict) => verdict switch
    {
        Harness.Verdict.Pass => "pass",
        Harness.Verdict.Fail => "**FAIL**",
        _ => "not judged",
    };

    private static string Number(double value) => double.IsNaN(value)
        ? "–"
        : Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
