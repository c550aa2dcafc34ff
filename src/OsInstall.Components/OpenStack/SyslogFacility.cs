using OsInstall.Common.Config;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// The syslog facility a service logs with (oslo.log's syslog_log_facility): the facility that
/// rsyslog.facilities maps to "&lt;service&gt;.log" on the collectors, as the original's
/// LOG_LOCAL3 for keystone.log.
/// </summary>
public static class SyslogFacility
{
    public static string For(ClusterConfig config, string service)
    {
        var file = $"{service}.log";
        var facility = config.Rsyslog.Facilities.FirstOrDefault(f => f.Value == file).Key
            ?? throw new InvalidOperationException($"rsyslog.facilities maps no facility to {file} (the {service} log)");
        return "LOG_" + facility.ToUpperInvariant();
    }
}
