using OsInstall.Common.Alpine;
using OsInstall.Common.Config;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Rabbitmq;

/// <summary>
/// The RabbitMQ release as the original installs it: the generic-unix tarball of versions.rabbitmq
/// from RabbitMQ's GitHub releases, unpacked as it comes, run by Alpine's Erlang. Its etc/rabbitmq is
/// where the release's own scripts (rabbitmq-server, rabbitmqctl) look for rabbitmq-env.conf, so
/// rabbitmqctl needs no extra environment to find the node.
/// </summary>
public sealed record RabbitmqRelease(string Version)
{
    public const string InstallRoot = "/opt";

    /// <summary>Alpine packages the release needs: Erlang to run it, xz and wget to fetch and unpack it.</summary>
    public static IReadOnlyList<string> Packages { get; } = ["erlang", "xz", "wget"];

    public static RabbitmqRelease From(ClusterConfig config)
    {
        var version = config.Versions.Rabbitmq.Trim();
        // The version becomes part of a path and of the URL.
        if (version.Length == 0 || !version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or '_'))
        {
            throw new InvalidOperationException($"versions.rabbitmq: '{config.Versions.Rabbitmq}' is not a RabbitMQ version");
        }
        return new RabbitmqRelease(version);
    }

    public string Url => $"https://github.com/rabbitmq/rabbitmq-server/releases/download/v{Version}/rabbitmq-server-generic-unix-{Version}.tar.xz";

    /// <summary>RABBITMQ_HOME: the directory the tarball unpacks to.</summary>
    public string Home => $"{InstallRoot}/rabbitmq_server-{Version}";

    public string Server => $"{Home}/sbin/rabbitmq-server";

    public string Ctl => $"{Home}/sbin/rabbitmqctl";

    public string ConfDir => $"{Home}/etc/rabbitmq";

    public string ConfPath => $"{ConfDir}/rabbitmq.conf";

    public string EnvPath => $"{ConfDir}/rabbitmq-env.conf";

    /// <summary>
    /// Downloads and unpacks the release unless its server script is there. It is unpacked into a
    /// staging directory and moved into place, so an interrupted run leaves no half release behind.
    /// </summary>
    public string InstallCommand
    {
        get
        {
            var stage = $"{InstallRoot}/.rabbitmq-{Version}.partial";
            var archive = $"{stage}/release.tar.xz";
            return $"[ -x {Sh.Quote(Server)} ] || {{ rm -rf {Sh.Quote(stage)} && mkdir -p {Sh.Quote(stage)} && " +
                   $"{Sh.Join("wget", "-q", "-O", archive, Url)} && " +
                   $"xz -dc {Sh.Quote(archive)} | tar -xf - -C {Sh.Quote(stage)} && " +
                   $"{Sh.Join("mv", $"{stage}/rabbitmq_server-{Version}", Home)} && {Sh.Join("rm", "-rf", stage)}; }}";
        }
    }

    public string PackagesCommand => Apk.Add(Packages);
}
