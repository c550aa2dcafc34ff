namespace OsInstall.Components.Rsyslog;

/// <summary>
/// Where rsyslog keeps its socket, spool and logs, and which addresses it uses. The defaults are
/// production's; tests override them to run several rsyslogd side by side on one machine.
/// </summary>
public sealed record RsyslogEnvironment
{
    /// <summary>A controller or compute node.</summary>
    public static RsyslogEnvironment Host { get; } = new();

    /// <summary>An LXC container: it has no kernel of its own to read.</summary>
    public static RsyslogEnvironment Container { get; } = new() { KernelInput = false };

    /// <summary>The unix socket local programs log to.</summary>
    public string SocketPath { get; init; } = "/dev/log";

    /// <summary>rsyslog's work directory: the disk part of the forwarding queue lives here.</summary>
    public string WorkDirectory { get; init; } = "/var/lib/rsyslog";

    public string LogDirectory { get; init; } = "/var/log";

    /// <summary>Read kernel messages (imklog); only a machine with its own kernel log has them.</summary>
    public bool KernelInput { get; init; } = true;

    /// <summary>The address collectors listen on; null listens on every address.</summary>
    public string? ListenAddress { get; init; }

    /// <summary>Each collector's port, by controller position; null uses rsyslog.port for all.</summary>
    public IReadOnlyList<int>? CollectorPorts { get; init; }
}
