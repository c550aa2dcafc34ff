using System.Globalization;
using OsInstall.Common.Config;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Common.Ovn;

/// <summary>
/// A thin ovn-nbctl client: every call runs on <paramref name="target"/> against the database
/// <paramref name="connection"/>. Reads use CSV with bare data, so values never need unquoting
/// by hand and a row is a list of columns.
/// </summary>
public sealed class OvnNorthbound(ITarget target, string connection, IReadOnlyList<string>? nbctl = null)
{
    private readonly IReadOnlyList<string> nbctl = nbctl ?? ["ovn-nbctl"];

    /// <summary>Long enough for a raft leader election, short enough that a dead cluster fails the step.</summary>
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>The client for the configured cluster: every controller's NB port.</summary>
    public static OvnNorthbound ForConfig(ITarget target, ClusterConfig config) => new(target, OvnConnections.Northbound(config));

    public string Connection => connection;

    public ITarget Target => target;

    /// <summary>The words of one ovn-nbctl invocation (several commands may be chained with "--").</summary>
    public IReadOnlyList<string> Command(IEnumerable<string> args) =>
        [.. nbctl, $"--db={connection}", $"--timeout={TimeoutSeconds.ToString(CultureInfo.InvariantCulture)}", .. args];

    /// <summary>Runs ovn-nbctl with these arguments; throws when it fails; returns its output.</summary>
    public async Task<string> RunAsync(IEnumerable<string> args, CancellationToken ct = default)
    {
        var result = await target.RunCheckedAsync(Sh.Join(Command(args)), ct).ConfigureAwait(false);
        return result.StdOut;
    }

    /// <summary>Rows of <paramref name="table"/> matching every condition ("name=x"), with the given columns.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> FindAsync(string table, IReadOnlyList<string> columns, IEnumerable<string> conditions, CancellationToken ct = default)
    {
        var output = await RunAsync([.. Csv(columns), "find", table, .. conditions], ct).ConfigureAwait(false);
        return CsvRows.Parse(output);
    }

    /// <summary>Every row of <paramref name="table"/> with the given columns.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> ListAsync(string table, IReadOnlyList<string> columns, CancellationToken ct = default)
    {
        var output = await RunAsync([.. Csv(columns), "list", table], ct).ConfigureAwait(false);
        return CsvRows.Parse(output);
    }

    /// <summary>The uuid of the first row matching the conditions, or null.</summary>
    public async Task<string?> FindUuidAsync(string table, IEnumerable<string> conditions, CancellationToken ct = default)
    {
        var rows = await FindAsync(table, ["_uuid"], conditions, ct).ConfigureAwait(false);
        return rows.Count > 0 && rows[0].Count > 0 && rows[0][0].Length > 0 ? rows[0][0] : null;
    }

    /// <summary>The logical switch ports of a switch: name, type, addresses and dynamic_addresses (bare).</summary>
    public async Task<IReadOnlyList<LogicalSwitchPort>> PortsOfSwitchAsync(string logicalSwitch, CancellationToken ct = default)
    {
        var names = await RunAsync(["lsp-list", logicalSwitch], ct).ConfigureAwait(false);
        var wanted = names.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(PortNameOf).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return [];
        }
        var rows = await ListAsync("logical_switch_port", ["name", "type", "dynamic_addresses"], ct).ConfigureAwait(false);
        return rows.Where(r => r.Count >= 3 && wanted.Contains(r[0]))
            .Select(r => new LogicalSwitchPort(r[0], r[1], PortAddressParser.Parse(r[2])))
            .ToList();
    }

    private static string[] Csv(IReadOnlyList<string> columns) =>
        ["--format=csv", "--data=bare", "--no-headings", $"--columns={string.Join(',', columns)}"];

    // lsp-list prints "<uuid> (<name>)".
    private static string PortNameOf(string line)
    {
        var open = line.IndexOf('(', StringComparison.Ordinal);
        return open >= 0 && line.EndsWith(')') ? line[(open + 1)..^1] : "";
    }
}
