using OsInstall.Common.Targets;

namespace OsInstall.Common.Containers;

/// <summary>
/// A running container as a target: every command (and so every file operation) goes through
/// lxc-attach on its host, so what a provisioning callback writes lands inside the container
/// with the container's own users and groups.
/// </summary>
public sealed class ContainerTarget(ITarget host, string container, LxcCli lxc) : ShellTarget
{
    public override string Name { get; } = container;

    /// <summary>The controller the container runs on.</summary>
    public ITarget Host { get; } = host;

    public override Task<CommandResult> RunAsync(string command, CancellationToken ct = default) =>
        Host.RunAsync(lxc.AttachCommand(Name, command), ct);
}
