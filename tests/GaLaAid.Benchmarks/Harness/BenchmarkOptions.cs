using System.Globalization;
using GaLaAid.Benchmarks.Data;

namespace GaLaAid.Benchmarks.Harness;

/// <summary>The command line, parsed.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/GaLaAid.Benchmarks -- [options]

          --scale <name>       smoke | village | county | province (default: village)
          --only <names>       run only these workloads (comma-separated; see --list)
          --list               list the workloads and exit
          --data-dir <dir>     where generated databases are cached (default: tests/GaLaAid.Benchmarks/data)
          --regenerate         generate the database again even when a cached one fits
          --generate-only      generate (or verify the cache of) the database, run no workload
          --rounds <n>         measured rounds per workload (default: 5, smoke: 1); medians are reported
          --output <file>      also write the markdown report to this file
          --strict             exit with 1 when any target is missed (default: only on a crash or a wrong answer)
          --keep-temp          keep the temporary directory (database copies, logs) after the run
        """;

    public required ScaleProfile Scale { get; init; }
    public IReadOnlyList<string> Only { get; init; } = [];
    public bool List { get; init; }
    public string? DataDirectory { get; init; }
    public bool Regenerate { get; init; }
    public bool GenerateOnly { get; init; }
    public int? Rounds { get; init; }
    public string? OutputFile { get; init; }
    public bool Strict { get; init; }
    public bool KeepTemp { get; init; }

    /// <summary>Measured rounds: as asked, or 5 (1 at smoke scale, which proves the paths work, not their speed).</summary>
    public int MeasuredRounds => Rounds ?? (Scale.IsSmoke ? 1 : 5);

    /// <summary>Warm-up rounds before measuring, thrown away: two, because tiered JIT keeps improving the write path through the second.</summary>
    public int WarmupRounds => Scale.IsSmoke ? 0 : 2;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var scale = ScaleProfile.Village;
        var only = new List<string>();
        bool list = false, regenerate = false, generateOnly = false, strict = false, keepTemp = false;
        string? dataDirectory = null, output = null;
        int? rounds = null;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n\n{Usage}");
            switch (args[i])
            {
                case "--scale":
                    scale = ScaleProfile.ByName(Value());
                    break;
                case "--only":
                    only.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--list":
                    list = true;
                    break;
                case "--data-dir":
                    dataDirectory = Value();
                    break;
                case "--regenerate":
                    regenerate = true;
                    break;
                case "--generate-only":
                    generateOnly = true;
                    break;
                case "--rounds":
                    rounds = int.Parse(Value(), CultureInfo.InvariantCulture);
                    if (rounds < 1)
                    {
                        throw new ArgumentException("--rounds must be at least 1.");
                    }

                    break;
                case "--output":
                    output = Value();
                    break;
                case "--strict":
                    strict = true;
                    break;
                case "--keep-temp":
                    keepTemp = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.\n\n{Usage}");
            }
        }

        return new BenchmarkOptions
        {
            Scale = scale,
            Only = only,
            List = list,
            DataDirectory = dataDirectory,
            Regenerate = regenerate,
            GenerateOnly = generateOnly,
            Rounds = rounds,
            OutputFile = output,
            Strict = strict,
            KeepTemp = keepTemp,
        };
    }
}
