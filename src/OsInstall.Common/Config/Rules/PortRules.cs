namespace OsInstall.Common.Config.Rules;

/// <summary>TCP/UDP ports in range, the four OVN ports distinct, and counts and durations positive.</summary>
public static class PortRules
{
    public static void Check(ValidationContext ctx)
    {
        var c = ctx.Config;
        CheckPort(ctx, "ssh.port", c.Ssh.Port);
        CheckPort(ctx, "dns.port", c.Dns.Port);
        CheckPort(ctx, "rsyslog.port", c.Rsyslog.Port);
        (string Path, int Port)[] ovn =
        [
            ("ovn.nb_port", c.Ovn.NbPort), ("ovn.sb_port", c.Ovn.SbPort),
            ("ovn.nb_raft_port", c.Ovn.NbRaftPort), ("ovn.sb_raft_port", c.Ovn.SbRaftPort),
        ];
        for (var i = 0; i < ovn.Length; i++)
        {
            CheckPort(ctx, ovn[i].Path, ovn[i].Port);
            var clash = ovn.Take(i).FirstOrDefault(o => o.Port == ovn[i].Port);
            if (clash.Path is not null)
            {
                ctx.Report(ovn[i].Path, $"port {ovn[i].Port} is also {clash.Path}; the four OVN ports must be distinct (they listen on the same hosts)");
            }
        }

        // named and the log collectors listen on the controllers beside the OVN databases.
        (string Path, int Port)[] listeners = [.. ovn, ("dns.port", c.Dns.Port), ("rsyslog.port", c.Rsyslog.Port)];
        for (var i = ovn.Length; i < listeners.Length; i++)
        {
            var clash = listeners.Take(i).FirstOrDefault(o => o.Port == listeners[i].Port);
            if (clash.Path is not null)
            {
                ctx.Report(listeners[i].Path, $"port {listeners[i].Port} is also {clash.Path}; services on the controllers need distinct ports");
            }
        }

        Positive(ctx, "ssh.connect_timeout_seconds", c.Ssh.ConnectTimeoutSeconds);
        Positive(ctx, "ssh.command_timeout_seconds", c.Ssh.CommandTimeoutSeconds);
        Positive(ctx, "networks.internal.dhcp_lease_seconds", c.Networks.Internal.DhcpLeaseSeconds);
        Positive(ctx, "dns.ttl", c.Dns.Ttl);
        Positive(ctx, "rsyslog.rotate_days", c.Rsyslog.RotateDays);
        Positive(ctx, "lxc.syslog_files", c.Lxc.SyslogFiles);
        Positive(ctx, "lxc.syslog_size_kb", c.Lxc.SyslogSizeKb);
        Positive(ctx, "openstack.bjoern_workers", c.Openstack.BjoernWorkers);
        Positive(ctx, "sample_vm.volume_size_gb", c.SampleVm.VolumeSizeGb);
        Positive(ctx, "openstack.memcached_memory_mb", c.Openstack.MemcachedMemoryMb);
        Positive(ctx, "openstack.memcached_max_connections", c.Openstack.MemcachedMaxConnections);
        // OVN chassis priorities are 0..32767; the spread around the median needs room on both sides.
        if (c.Ovn.MedianHaChassisPriority is < 100 or > 32667)
        {
            ctx.Report("ovn.median_ha_chassis_priority", $"{c.Ovn.MedianHaChassisPriority} is out of range: expected 100 to 32667 (OVN priorities are 0-32767 and are spread around this value)");
        }
    }

    public static void CheckPort(ValidationContext ctx, string path, int port)
    {
        if (port is < 1 or > 65535)
        {
            ctx.Report(path, $"port {port} is out of range: expected 1 to 65535");
        }
    }

    private static void Positive(ValidationContext ctx, string path, int value)
    {
        if (value < 1)
        {
            ctx.Report(path, $"{value} is not allowed: expected a number of at least 1");
        }
    }
}
