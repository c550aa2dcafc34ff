using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Ovn;

/// <summary>OVS and OVN built from the configured git refs on each controller, as the original does (Alpine's packages lag behind).</summary>
internal static class OvnBuild
{
    public const string Template = "Ovn/templates/build-from-git.sbn";

    /// <summary>The original's build dependencies, plus python3 that OVS's build scripts run.</summary>
    public static readonly IReadOnlyList<string> Packages =
        ["alpine-sdk", "libcap-ng-dev", "unbound-dev", "openssl-dev", "python3", "autoconf", "automake", "libtool", "util-linux", "iproute2", "tcpdump"];

    public static string Script(StepContext s, OvnSettings settings, string project)
    {
        var v = s.Config.Versions;
        var (repo, gitRef, src, configureArgs) = project switch
        {
            "ovs" => (v.OvsGitRepo, v.OvsRef, settings.OvsSource, Array.Empty<string>()),
            "ovn" => (v.OvnGitRepo, v.OvnRef, settings.OvnSource, new[] { $"--with-ovs-source={settings.OvsSource}", $"--with-ovs-build={settings.OvsSource}" }),
            _ => throw new ArgumentOutOfRangeException(nameof(project), project, "ovs or ovn"),
        };
        return s.Render(Template, new
        {
            Project = project,
            Repo = Sh.Quote(repo),
            Ref = Sh.Quote(gitRef),
            Src = Sh.Quote(src),
            Stamp = Sh.Quote(StampPath(settings, project)),
            ConfigureArgs = configureArgs.Select(Sh.Quote).ToList(),
        });
    }

    public static string ScriptPath(OvnSettings settings, string project) => $"{settings.SourceDir}/osinstall-build-{project}.sh";

    public static string StampPath(OvnSettings settings, string project) => $"{settings.StampDir}/{project}.installed";

    public static async Task BuildAsync(StepContext s, OvnSettings settings, string project)
    {
        var path = ScriptPath(settings, project);
        await s.Write(path, Script(s, settings, project), FileSpec.Executable).ConfigureAwait(false);
        await s.Run(Sh.Join("sh", path)).ConfigureAwait(false);
    }

    /// <summary>make uninstall where the build trees are still there, then the trees, scripts and stamps.</summary>
    public static async Task RemoveAsync(StepContext s, OvnSettings settings)
    {
        foreach (var src in new[] { settings.OvnSource, settings.OvsSource })
        {
            await s.Run($"if [ -f {Sh.Quote(src + "/Makefile")} ]; then {Sh.Join("make", "-C", src, "uninstall")}; fi").ConfigureAwait(false);
        }
        await s.Run(Sh.Join("rm", "-rf", settings.OvnSource, settings.OvsSource, ScriptPath(settings, "ovs"), ScriptPath(settings, "ovn"), settings.StampDir)).ConfigureAwait(false);
    }
}
