using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Targets;
using Serilog;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// A service container as a target whose file contents never reach the log. A plain
/// <see cref="ContainerTarget"/> on the step's (logging) host target sends each file write as an
/// lxc-attach command, and the host's log records that command with the file's content in base64,
/// where the secret masker cannot see the passwords of a config file. Here the container sits on
/// the host's inner target and gets a log of its own: commands are logged under the container's
/// name, file writes and reads by path, mode and size only, as on any host.
/// </summary>
public static class ServiceContainers
{
    /// <summary>The container of <paramref name="member"/> on the step's host (the member's controller).</summary>
    public static ITarget On(StepContext step, ContainerMember member, LxcCli lxc) =>
        Quiet(step.Target, member.Container, lxc, step.Component.Log, step.Cancellation);

    /// <summary>The container a provisioning callback was given, re-wrapped the same way.</summary>
    public static ITarget Quiet(ContainerTarget container, LxcCli lxc, ILogger log, CancellationToken ct) =>
        Quiet(container.Host, container.Name, lxc, log, ct);

    public static ITarget Quiet(ITarget host, string container, LxcCli lxc, ILogger log, CancellationToken ct) =>
        host is LoggingTarget logging
            ? new LoggingTarget(new ContainerTarget(logging.Inner, container, lxc), log, ct)
            : new ContainerTarget(host, container, lxc);
}
