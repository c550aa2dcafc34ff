using System.Globalization;

namespace OsInstall.Bench;

/// <summary>
/// Command line of the bench. With no arguments it measures everything (the documented command);
/// the others narrow a run down while investigating one figure:
/// --work-seconds S (default 0.3: how long each apk/make stand-in call sleeps, standing for a
/// package download or build on the host), --only overhead,fanout,startup, --nodes 1,32,
/// --parallel 32,1.
/// </summary>
public sealed record BenchOptions(double WorkSeconds, IReadOnlySet<string> Sections, IReadOnlyList<int> NodeCounts, IReadOnlyList<int> Parallels)
{
    public static readonly string[] AllSections = ["overhead", "fanout", "startup"];

    public bool Runs(string section) => Sections.Contains(section);

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(0.3, new HashSet<string>(AllSections), BenchRun.DefaultNodeCounts, [32, 1]);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            o = args[i] switch
            {
                "--work-seconds" => o with { WorkSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--only" => o with { Sections = value.Split(',').ToHashSet() },
                "--nodes" => o with { NodeCounts = Ints(value) },
                "--parallel" => o with { Parallels = Ints(value) },
                _ => throw new ArgumentException($"unknown option {args[i]} (have --work-seconds, --only, --nodes, --parallel)"),
            };
        }
        if (args.Length % 2 != 0 || o.Sections.Except(AllSections).Any())
        {
            throw new ArgumentException($"usage: [--work-seconds S] [--only {string.Join(',', AllSections)}] [--nodes 1,4,8,16,32] [--parallel 32,1]");
        }
        return o;
    }

    private static int[] Ints(string list) => [.. list.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))];
}
