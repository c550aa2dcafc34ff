using OsInstall.Common.Alpine;
using OsInstall.Common.Config;
using OsInstall.Common.Shell;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// How a service's code gets into its first container (the original's apk add + git clone + pip
/// install -c upper-constraints), as commands that each decide for themselves whether to act.
/// The build tools stay in the image: the original keeps alpine-sdk too, and a rerun with a
/// changed ref rebuilds in place.
/// </summary>
public static class OpenStackPackages
{
    /// <summary>Every service: compilers and headers for the wheels pip builds on musl, git, python, libev for bjoern.</summary>
    public static readonly IReadOnlyList<string> Build =
        ["build-base", "linux-headers", "git", "python3", "python3-dev", "libffi-dev", "openssl-dev", "libev-dev"];

    /// <summary>pip packages every service with a bjoern API gets.</summary>
    public static readonly IReadOnlyList<string> Wsgi = ["bjoern"];

    /// <summary>The database driver of openstack.database: apk headers to build it and the pip package.</summary>
    public static (IReadOnlyList<string> Apk, string Pip) DatabaseDriver(ClusterConfig config) =>
        config.Openstack.Database == "galera" ? ([], "PyMySQL") : (["libpq-dev"], "psycopg2");

    public static IReadOnlyList<string> ApkPackages(ClusterConfig config, OpenStackService service) =>
        [.. Build, .. DatabaseDriver(config).Apk.Where(_ => service.Database is not null), .. service.ApkPackages];

    public static IReadOnlyList<string> PipPackages(ClusterConfig config, OpenStackService service) =>
        [
            .. service.Apis.Count > 0 ? Wsgi : [],
            .. service.Database is null ? [] : new[] { DatabaseDriver(config).Pip },
            .. service.PipPackages,
        ];

    /// <summary>The repository URL of the service's project.</summary>
    public static string RepositoryUrl(ClusterConfig config, OpenStackService service) =>
        $"{config.Versions.GitRepoUrl.TrimEnd('/')}/{service.Project}.git";

    /// <summary>What the venv must hold; any difference (ref, constraints, packages) rebuilds it.</summary>
    public static string Stamp(ClusterConfig config, OpenStackService service) =>
        string.Join('\n',
            $"git {RepositoryUrl(config, service)} {config.Versions.OpenstackGitBranch}",
            $"constraints {config.Versions.UpperConstraintsUrl}",
            $"pip {string.Join(' ', PipPackages(config, service))}");

    /// <summary>
    /// One command: when the stamp differs, a fresh shallow clone at the configured branch, a
    /// fresh venv, the project and its extras installed with the upper constraints, then the
    /// stamp. An interrupted build leaves no stamp, so the next run builds again.
    /// </summary>
    public static string InstallCommand(ClusterConfig config, OpenStackService service)
    {
        var stamp = Stamp(config, service);
        var venv = Sh.Quote(service.Venv);
        var pip = Sh.Join([
            service.VenvBin + "/pip", "install", "--no-cache-dir",
            "-c", config.Versions.UpperConstraintsUrl,
            service.SourceDir, .. PipPackages(config, service),
        ]);
        return $"[ \"$(cat {Sh.Quote(service.Stamp)} 2>/dev/null)\" = {Sh.Quote(stamp)} ] || {{ " +
               $"rm -rf {venv} && " +
               $"{Sh.Join("python3", "-m", "venv", service.Venv)} && " +
               $"{Sh.Join("git", "clone", "--depth", "1", "--branch", config.Versions.OpenstackGitBranch, RepositoryUrl(config, service), service.SourceDir)} && " +
               $"{pip} && " +
               $"printf %s {Sh.Quote(stamp)} > {Sh.Quote(service.Stamp)}; }}";
    }

    public static string AddPackagesCommand(ClusterConfig config, OpenStackService service) => Apk.Add(ApkPackages(config, service));
}
