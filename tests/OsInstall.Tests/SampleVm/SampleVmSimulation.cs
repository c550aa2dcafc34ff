using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Components.OpenStack;
using OsInstall.Components.SampleVm;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Resilience;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.SampleVm;

/// <summary>
/// sample-vm through the real runner on the simulated cluster: controller-1's openstack stand-in
/// keeps the objects it is asked to create (the sample VM block of the stand-in script), wget and
/// qemu-img stand-ins make the files the image upload reads, keystone is recorded as installed,
/// admin-openrc holds the admin password (which must never reach a command line or a log).
/// Every run forces every step, as `component install` does.
/// </summary>
internal sealed class SampleVmSimulation : IDisposable
{
    private readonly SimulatedCluster cluster;
    private readonly InstallJournal journal = InstallJournal.InMemory();

    private readonly TempDir? sshFiles;

    /// <param name="hostile">
    /// Issue 7: every secret and every config string the validator accepts hold a shell payload
    /// (<see cref="Hostile"/>; tags in <see cref="Tags"/>), and admin-openrc holds the hostile admin password.
    /// </param>
    public SampleVmSimulation(SimulatedCluster cluster, bool hostile = false)
    {
        this.cluster = cluster;
        Config = cluster.CreateConfig();
        if (hostile)
        {
            var (secrets, _) = Hostile.Secrets("vs");
            Secrets = secrets;
            sshFiles = new TempDir("osinstall-hostile-ssh");
            var carried = Hostile.InjectCarried(Config, "vc", sshFiles);
            Tags = [.. Hostile.Tags("vs", secrets.Values.Count), .. Hostile.Tags("vc", carried.Count)];
        }
        journal.Update("keystone", r => r.State = ComponentState.Installed);
        // What an earlier test of the collection left in the stand-in's object store is forgotten.
        DeleteDirectory(cluster.InRoot(Controller1, "/var/lib/osinstall-sim/openstack-objects"));
        DeleteDirectory(cluster.InRoot(Controller1, SampleVmNames.WorkDir));
        foreach (var key in new[] { Names.PrivateKey, Names.PublicKey })
        {
            File.Delete(cluster.InRoot(Controller1, key));
        }
        var openrc = cluster.InRoot(Controller1, OpenStackCli.AdminOpenrc);
        Directory.CreateDirectory(Path.GetDirectoryName(openrc)!);
        File.WriteAllText(openrc, $"export OS_USERNAME=admin OS_PROJECT_NAME=admin OS_PASSWORD={Sh.Quote(AdminPassword)}\n");
    }

    public ClusterConfig Config { get; }

    public SecretStore Secrets { get; } = OpenStackTestSecrets.Create();

    /// <summary>The tags of the hostile values (none unless hostile).</summary>
    public IReadOnlyList<string> Tags { get; } = [];

    public TempDir Logs { get; } = new("osinstall-sample-vm");

    public string AdminPassword => Secrets.Get("admin_password");

    public string Controller1 => Config.Controllers[0].Name;

    public SampleVmNames Names => new(Config);

    public async Task RunAsync(bool uninstall = false)
    {
        cluster.ClearCalls();
        await using var provider = cluster.CreateProvider(config: Config);
        var runner = Runner(provider);
        var component = new SampleVmInstaller();
        await (uninstall
            ? runner.UninstallAsync([component], CancellationToken.None)
            : runner.InstallAsync([component], CancellationToken.None));
    }

    public async Task<HealthReport> VerifyAsync()
    {
        await using var provider = cluster.CreateProvider(config: Config);
        return await Runner(provider).VerifyAsync(new SampleVmInstaller(), CancellationToken.None);
    }

    /// <summary>Every call recorded on controller-1 since the last run started.</summary>
    public IReadOnlyList<SimulatedCall> Calls() => cluster.Calls(Controller1);

    /// <summary>The openstack client's calls (arguments after "openstack").</summary>
    public IReadOnlyList<string> Openstack() =>
        Calls().Where(c => c.Command == "openstack").Select(c => c.ArgLine).ToList();

    /// <summary>The calls that change the cloud: create, delete, set, add, remove.</summary>
    public IReadOnlyList<string> Changes() =>
        Openstack().Where(IsChange).ToList();

    public bool FileExists(string path) => cluster.FileExists(Controller1, path);

    public string? ReadFile(string path) => cluster.ReadFile(Controller1, path);

    /// <summary>Every line of every log file the runs wrote.</summary>
    public string LogText() =>
        string.Join('\n', Directory.EnumerateFiles(Logs.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllText));

    public void Dispose()
    {
        Logs.Dispose();
        sshFiles?.Dispose();
    }

    private static bool IsChange(string args)
    {
        var words = args.Split(' ');
        return words.Any(w => w is "create" or "delete" or "set" or "add" or "remove")
            && !words.Contains("show") && !words.Contains("list");
    }

    private ComponentRunner Runner(ITargetProvider provider) =>
        new(Config, Secrets, ComponentCatalog.Templates, provider, journal, new RunOptions { LogDir = Logs.Path, Force = true });

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
