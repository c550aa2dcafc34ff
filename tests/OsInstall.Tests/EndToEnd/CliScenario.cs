using OsInstall.Common.Secrets;
using OsInstall.Components;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.EndToEnd;

/// <summary>One operator's working directory against the simulated cluster: config, secrets, logs, journal.</summary>
public sealed class CliScenario : IDisposable
{
    private readonly TempDir dir = new("osinstall-e2e");

    /// <param name="secrets">The secrets file's values; default: generated ones, and random Ceph keys.</param>
    public CliScenario(SimulatedCluster cluster, Action<OsInstall.Common.Config.ClusterConfig>? tweak = null, SecretStore? secrets = null)
    {
        var config = cluster.CreateConfig();
        tweak?.Invoke(config);
        ConfigPath = cluster.WriteConfig(dir.File("common.yaml"), config);
        SecretsPath = dir.File("secrets.yaml");
        var store = secrets ?? new SecretStore();
        SecretsFile.FillMissing(store, SecretCatalog.All);
        // External secrets (Ceph keys) come from the operator: give them values too.
        foreach (var s in SecretCatalog.All.Where(s => s.Kind == SecretKind.External && !store.TryGet(s.Name, out _)))
        {
            store.Set(s.Name, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(40)));
        }
        SecretsFile.Save(SecretsPath, store, SecretCatalog.All);
        Secrets = store;
    }

    public string ConfigPath { get; }
    public string SecretsPath { get; }
    public SecretStore Secrets { get; }
    public string LogDir => dir.File("logs");
    public string StateDir => dir.File("state");

    public Task<CliRun.Result> RunAsync(params string[] args) =>
        CliRun.RunAsync([.. args, "--config", ConfigPath, "--secrets", SecretsPath, "--log-dir", LogDir, "--state-dir", StateDir]);

    public Task<CliRun.Result> RunAsync(CancellationToken stop, params string[] args) =>
        CliRun.RunAsync(stop, [.. args, "--config", ConfigPath, "--secrets", SecretsPath, "--log-dir", LogDir, "--state-dir", StateDir]);

    public string Log(string component, string direction = "install") =>
        File.ReadAllText(Path.Combine(LogDir, component, $"{component}-{direction}.log"));

    public IEnumerable<string> AllLogFiles() =>
        Directory.Exists(LogDir) ? Directory.EnumerateFiles(LogDir, "*", SearchOption.AllDirectories) : [];

    public void Dispose() => dir.Dispose();
}
