using OsInstall.Common.Config;

namespace OsInstall.Components.Prepare;

/// <summary>The controllers as prepare sees them: controller-1 (the source of keys and of the client) and the others.</summary>
internal static class ControllerSet
{
    public static IReadOnlyList<string> All(ClusterConfig config) => config.Controllers.Select(c => c.Name).ToList();

    public static string First(ClusterConfig config) => config.FirstController.Name;

    public static IReadOnlyList<string> Others(ClusterConfig config) => config.Controllers.Skip(1).Select(c => c.Name).ToList();

    public static bool IsFirst(ClusterConfig config, string host) => host == First(config);

    public static HostEntry Entry(ClusterConfig config, string host) =>
        config.Controllers.FirstOrDefault(c => c.Name == host)
        ?? throw new InvalidOperationException($"'{host}' is not a controller in the config");

    public static int SshPort(ClusterConfig config, HostEntry host) => host.SshPort ?? config.Ssh.Port;

    /// <summary>
    /// controller-1's own key pair. When osinstall runs on controller-1 it is the key osinstall logs in with
    /// (config.ssh.key_file, already trusted by the others); when controller-1 is remote, that file is on
    /// another machine, so root's default key on controller-1 is meant.
    /// </summary>
    public static string FirstControllerKey(ClusterConfig config) =>
        config.Ssh.LocalFirstController ? config.Ssh.KeyFile : PreparePaths.DefaultControllerKey;
}
