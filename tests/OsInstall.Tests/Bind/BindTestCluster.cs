using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Components.Bind;

namespace OsInstall.Tests.Bind;

/// <summary>The example cluster of config/common.yaml (3 controllers, 2 compute nodes) and ways to run the bind component on it.</summary>
internal static class BindTestCluster
{
    // Keys holding every character base64 has ('+', '/', '=' padding): named must read them back exactly.
    public static readonly string TransferSecret = "+/" + SecretsFile.Generate(SecretKind.Base64Key)[2..];
    public static readonly string RndcSecret = "/+" + SecretsFile.Generate(SecretKind.Base64Key)[2..];

    public static ClusterConfig Config() => new()
    {
        Cluster = { Domain = "oppp.lab" },
        Controllers =
        [
            new() { Name = "o3p-os-controller-1", Address = "10.1.1.1" },
            new() { Name = "o3p-os-controller-2", Address = "10.1.1.2" },
            new() { Name = "o3p-os-controller-3", Address = "10.1.1.3" },
        ],
        ComputeNodes =
        [
            new() { Name = "o3p-os-compute-1", Address = "10.1.1.4" },
            new() { Name = "o3p-os-compute-2", Address = "10.1.1.5" },
        ],
        Networks = { Internal = { Cidr = "10.0.0.0/24" }, Compute = { Cidr = "10.1.1.0/24" } },
        Dns = { Forwarders = ["10.1.1.10", "10.1.1.11"], Port = 53, Ttl = 600 },
    };

    public static SecretStore Secrets() => new(new Dictionary<string, string>
    {
        ["bind_tsig_key"] = TransferSecret,
        ["bind_rndc_key"] = RndcSecret,
    });

    /// <summary>Runs install (or uninstall) through the real runner against dry-run targets; returns every recorded action.</summary>
    public static async Task<IReadOnlyList<PlannedAction>> DryRunAsync(IComponent component, ClusterConfig config, bool uninstall = false)
    {
        var recorder = new DryRunRecorder();
        await using var targets = new DryRunTargetProvider(recorder);
        var runner = Runner(config, targets, new RunOptions { LogDir = Path.GetTempPath(), DryRun = true });
        if (uninstall)
        {
            await runner.UninstallAsync([component], CancellationToken.None);
        }
        else
        {
            await runner.InstallAsync([component], CancellationToken.None);
        }
        return recorder.Snapshot();
    }

    public static ComponentRunner Runner(ClusterConfig config, ITargetProvider targets, RunOptions options) =>
        new(config, Secrets(), ComponentCatalog.Templates, targets, InstallJournal.InMemory(), options);

    /// <summary>Writes every recorded file of a dry run under root/&lt;host&gt;/&lt;path&gt; (or at its own path when it is already under root).</summary>
    public static void Materialize(IEnumerable<PlannedAction> actions, string root, bool perHost)
    {
        foreach (var a in actions.Where(a => a.Kind == "write"))
        {
            var path = perHost ? Path.Join(root, a.Host, a.Path!) : a.Path!;
            if (!Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal))
            {
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, a.Content);
        }
    }
}
