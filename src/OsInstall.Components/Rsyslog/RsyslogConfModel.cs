namespace OsInstall.Components.Rsyslog;

/// <summary>Everything templates/rsyslog.conf.sbn needs for one host; built by <see cref="RsyslogConfigs"/>.</summary>
public sealed record RsyslogConfModel
{
    public required string Host { get; init; }
    public required RsyslogRole Role { get; init; }

    /// <summary>relp or tcp.</summary>
    public required string Protocol { get; init; }

    public required string SocketPath { get; init; }
    public required string WorkDirectory { get; init; }
    public required string LogDirectory { get; init; }
    public required bool KernelInput { get; init; }

    /// <summary>The port this host listens on when it is a collector.</summary>
    public required int ListenPort { get; init; }

    public required string? ListenAddress { get; init; }

    /// <summary>The collectors in failover order; empty on the primary, which forwards nothing.</summary>
    public required IReadOnlyList<CollectorEndpoint> Chain { get; init; }

    /// <summary>Facility files in the order they are matched; every other facility goes to messages.</summary>
    public required IReadOnlyList<FacilityLog> Facilities { get; init; }

    public required string QueueMaxDiskSpace { get; init; }

    public bool IsCollector => Role != RsyslogRole.Forwarder;

    public bool Forwards => Role != RsyslogRole.PrimaryCollector;

    /// <summary>The ruleset a local message is handed to: the primary writes it, the others forward it.</summary>
    public string LocalRuleset => Forwards ? "forward" : "collect";

    public string InputModule => Protocol == RsyslogConfigs.Relp ? "imrelp" : "imptcp";

    public string OutputModule => Protocol == RsyslogConfigs.Relp ? "omrelp" : "omfwd";

    public string RoleDescription => Role switch
    {
        RsyslogRole.PrimaryCollector => "primary log collector",
        RsyslogRole.StandbyCollector => "standby log collector",
        _ => "log forwarder",
    };
}
