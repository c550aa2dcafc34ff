namespace OsInstall.Components.Rsyslog;

/// <summary>What rsyslog does on a host.</summary>
public enum RsyslogRole
{
    /// <summary>controllers[0]: receives every host's messages and writes its own directly.</summary>
    PrimaryCollector,

    /// <summary>controllers[1..]: receives while the collectors before it are down; its own messages go through the chain.</summary>
    StandbyCollector,

    /// <summary>Compute nodes and containers: everything local goes through the chain.</summary>
    Forwarder,
}
