using OsInstall.Common.Config;
using OsInstall.Common.Database;
using OsInstall.Common.Targets;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// What one OpenStack service is, as data: the container set, the git project, the packages, the
/// service account and directories, its database, its bjoern APIs, the one-time database commands
/// and its entry in keystone's catalog. <see cref="OpenStackComponent"/> turns it into phases.
/// Paths follow one scheme for every service: code in a virtualenv at /opt/&lt;name&gt; (Alpine's
/// python is externally managed, PEP 668), config in /etc/&lt;name&gt;, state in /var/lib/&lt;name&gt;.
/// </summary>
public sealed record OpenStackService
{
    /// <summary>Component name, container set name, service account and directory name (keystone, glance, ...).</summary>
    public required string Name { get; init; }

    /// <summary>The git repository under versions.git_repo_url (default: <see cref="Name"/>).</summary>
    public string? GitProject { get; init; }

    public string Project => GitProject ?? Name;

    /// <summary>apk packages beyond <see cref="OpenStackPackages.Build"/> (headers a wheel of this service needs, runtime tools).</summary>
    public IReadOnlyList<string> ApkPackages { get; init; } = [];

    /// <summary>pip requirements installed into the venv beside the project (bjoern and the database driver are added by the mechanism).</summary>
    public IReadOnlyList<string> PipPackages { get; init; } = [];

    /// <summary>The service's database (created through the selected database engine), or null.</summary>
    public ServiceDatabase? Database { get; init; }

    /// <summary>
    /// More databases the service owns beside <see cref="Database"/> (nova: nova_api and nova_cell0),
    /// created after it and dropped before it through the same engine.
    /// </summary>
    public IReadOnlyList<ServiceDatabase> ExtraDatabases { get; init; } = [];

    /// <summary><see cref="Database"/> (when set), then <see cref="ExtraDatabases"/>.</summary>
    public IReadOnlyList<ServiceDatabase> Databases => Database is null ? ExtraDatabases : [Database, .. ExtraDatabases];

    /// <summary>The REST APIs served by bjoern workers.</summary>
    public IReadOnlyList<WsgiApi> Apis { get; init; } = [];

    /// <summary>
    /// Non-WSGI OpenRC services of every container (nova-conductor, ...), whose init scripts the
    /// component writes in <see cref="OpenStackComponent.ConfigFiles"/>; started with the workers.
    /// </summary>
    public IReadOnlyList<string> Daemons { get; init; } = [];

    /// <summary>
    /// Shell commands run once, on member 1, as the service account, after the config is written
    /// (keystone-manage db_sync, nova-manage api_db sync ...). Each must be safe to repeat.
    /// </summary>
    public IReadOnlyList<string> DbSyncCommands { get; init; } = [];

    /// <summary>The service's user and catalog entry in keystone (null for keystone itself, which bootstraps).</summary>
    public KeystoneRegistration? Registration { get; init; }

    /// <summary>Secrets the service's config needs beyond its database and keystone passwords (rabbitmq_password, ...).</summary>
    public IReadOnlyList<string> ExtraSecrets { get; init; } = [];

    public string User => Name;

    public string Group => Name;

    public string Venv => $"/opt/{Name}";

    public string VenvBin => $"{Venv}/bin";

    public string Python => $"{VenvBin}/python3";

    public string SourceDir => $"{Venv}/src/{Project}";

    /// <summary>What the venv holds, written after pip succeeded; equal to <see cref="OpenStackPackages.Stamp"/> means nothing to do.</summary>
    public string Stamp => $"{Venv}/osinstall-versions";

    public string ConfigDir => $"/etc/{Name}";

    /// <summary>Mode of the service's config files: root writes them, only the service's group reads them (they hold passwords).</summary>
    public FileSpec ConfigSpec => new("0640", "root", Group);

    public string StateDir => $"/var/lib/{Name}";

    /// <summary>A console script of the venv (keystone-manage, nova-manage, ...) by its absolute path.</summary>
    public string Tool(string name) => $"{VenvBin}/{name}";

    /// <summary>Where the bjoern runner of an API lives (outside the venv, which a rebuild replaces).</summary>
    public static string RunnerPath(WsgiApi api) => $"/usr/local/bin/{api.Name}-bjoern";

    /// <summary>Exists while a config file changed and the services still run the old one (see <see cref="ServiceStart"/>).</summary>
    public string RestartMarker => $"/var/lib/osinstall/{Name}.restart";

    /// <summary>Every OpenRC service of one container: each API's workers, then the daemons.</summary>
    public IReadOnlyList<string> Services(ClusterConfig config) =>
        [.. Apis.SelectMany(a => a.Workers(config)).Select(w => w.Service), .. Daemons];

    /// <summary>Throws when two APIs of this service would listen on the same port in one container.</summary>
    public void CheckWorkerPorts(ClusterConfig config)
    {
        var seen = new Dictionary<int, string>();
        foreach (var worker in Apis.SelectMany(a => a.Workers(config)))
        {
            if (!seen.TryAdd(worker.Port, worker.Service))
            {
                throw new InvalidOperationException(
                    $"{Name}: worker {worker.Service} and {seen[worker.Port]} would both listen on port {worker.Port} " +
                    $"with openstack.bjoern_workers = {config.Openstack.BjoernWorkers}");
            }
        }
    }
}
