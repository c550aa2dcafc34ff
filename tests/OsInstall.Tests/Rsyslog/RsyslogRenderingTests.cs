using OsInstall.Components;
using OsInstall.Components.Rsyslog;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Rsyslog;

/// <summary>The files the rsyslog component writes, checked by the tools that read them in production.</summary>
public sealed class RsyslogRenderingTests
{
    private const string Container = "keystone-1";

    public static TheoryData<string> Hosts => new() { "primary", "standby-1", "standby-2", "compute", "container" };

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Rendered_rsyslog_conf_passes_rsyslogd_config_check(string which)
    {
        var conf = await RenderAsync(which);
        var check = await CheckAsync(conf);
        Assert.True(check.Succeeded, $"rsyslogd -N1 rejected the {which} config:\n{check.Output}\n---\n{conf}");
    }

    [Fact]
    public async Task Collectors_write_what_they_receive_and_only_non_primaries_forward()
    {
        var config = ShippedConfig.Load();
        var plan = await DryRunPlan.InstallAsync(config);
        var primary = DryRunPlan.Written(plan, config.Controllers[0].Name, RsyslogConfigs.ConfPath);
        var standby = DryRunPlan.Written(plan, config.Controllers[1].Name, RsyslogConfigs.ConfPath);
        var compute = DryRunPlan.Written(plan, config.ComputeNodes[0].Name, RsyslogConfigs.ConfPath);

        Assert.Contains("ruleset(name=\"collect\")", primary);
        Assert.DoesNotContain("ruleset(name=\"forward\"", primary);
        Assert.Contains("input(type=\"imrelp\" port=\"10514\" ruleset=\"collect\")", standby);
        Assert.Contains("ruleset(name=\"forward\"", standby);
        Assert.DoesNotContain("ruleset(name=\"collect\")", compute);
        Assert.DoesNotContain("imrelp", compute);
        Assert.Contains("file=\"/var/log/ovs-ovn.log\"", primary);
        Assert.Contains("file=\"/var/log/kern.log\"", primary);
    }

    [Fact]
    public async Task Forwarding_chain_tries_the_controllers_in_order_then_a_local_file()
    {
        var config = ShippedConfig.Load();
        var compute = await RenderAsync("compute");
        var positions = config.Controllers.Select(c => compute.IndexOf($"target=\"{c.Address}\" port=\"10514\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        var fallback = compute.IndexOf("file=\"/var/log/messages\" action.execOnlyWhenPreviousIsSuspended=\"on\"", StringComparison.Ordinal);
        Assert.True(fallback > positions[^1]);
        // The first collector is tried unconditionally; every later link only when the previous is suspended.
        Assert.Equal(config.Controllers.Count, compute.Split("action.execOnlyWhenPreviousIsSuspended=\"on\"").Length - 1);
    }

    [Fact]
    public async Task Container_forwarder_comes_from_the_compute_template_without_kernel_input()
    {
        var compute = await RenderAsync("compute");
        var container = await RenderAsync("container");
        Assert.Contains("imklog", compute);
        Assert.DoesNotContain("imklog", container);
        static string Chain(string conf) => conf[conf.IndexOf("ruleset(name=\"forward\"", StringComparison.Ordinal)..];
        Assert.Equal(Chain(compute).Replace("\n}\n", "", StringComparison.Ordinal)[..200], Chain(container)[..200]);
    }

    [Fact]
    public async Task Tcp_protocol_renders_plain_tcp_that_rsyslogd_accepts()
    {
        var config = ShippedConfig.Load();
        config.Rsyslog.Protocol = "tcp";
        var plan = await DryRunPlan.InstallAsync(config);
        foreach (var host in config.AllHosts)
        {
            var conf = DryRunPlan.Written(plan, host.Name, RsyslogConfigs.ConfPath);
            Assert.DoesNotContain("relp", conf);
            var check = await CheckAsync(conf);
            Assert.True(check.Succeeded, $"rsyslogd -N1 rejected {host.Name}:\n{check.Output}");
        }
        Assert.Contains(ExpectedAlpineCommands.ApkAdd("rsyslog logrotate"), DryRunPlan.Commands(plan, config.ComputeNodes[0].Name));
    }

    [Fact]
    public async Task Logrotate_config_passes_logrotate_debug_run()
    {
        var config = ShippedConfig.Load();
        var plan = await DryRunPlan.InstallAsync(config);
        var rotate = DryRunPlan.Written(plan, config.ComputeNodes[1].Name, RsyslogConfigs.LogrotatePath);
        Assert.Contains($"rotate {config.Rsyslog.RotateDays}", rotate);
        Assert.Contains("/var/log/nova.log", rotate);
        var dir = Directory.CreateTempSubdirectory("osinstall-logrotate-");
        try
        {
            var file = Path.Combine(dir.FullName, "rsyslog");
            await File.WriteAllTextAsync(file, rotate);
            var run = await ExternalTool.RunAsync(ExternalTool.Require("logrotate"),
                ["-d", "-s", Path.Combine(dir.FullName, "state"), file], CancellationToken.None);
            Assert.True(run.Succeeded, $"logrotate -d failed:\n{run.Output}");
            Assert.DoesNotContain("error", run.Output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Logrotate_postrotate_script_passes_shellcheck()
    {
        var rotate = RsyslogConfigs.RenderLogrotate(ComponentCatalog.Templates, ShippedConfig.Load());
        var lines = rotate.Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == "postrotate");
        var end = Array.FindIndex(lines, l => l.Trim() == "endscript");
        var script = "#!/bin/sh\n" + string.Join('\n', lines[(start + 1)..end]) + "\n";
        var check = await ExternalTool.RunAsync(ExternalTool.Require("shellcheck"), ["-s", "sh", "-"], CancellationToken.None, script);
        Assert.True(check.Succeeded, $"shellcheck:\n{check.Output}\n---\n{script}");
    }

    [Fact]
    public void Unknown_facility_is_refused_with_its_name()
    {
        var config = ShippedConfig.Load();
        config.Rsyslog.Facilities["local9"] = "x.log";
        var ex = Assert.Throws<InvalidOperationException>(() => RsyslogConfigs.ModelFor(config, config.Controllers[0].Name));
        Assert.Contains("'local9' is not a syslog facility", ex.Message);
    }

    [Fact]
    public void A_collector_cannot_be_rendered_as_a_container_forwarder()
    {
        var config = ShippedConfig.Load();
        Assert.Throws<InvalidOperationException>(() =>
            RsyslogConfigs.RenderForwarder(ComponentCatalog.Templates, config, config.Controllers[1].Name));
    }

    /// <summary>
    /// rsyslog.conf holds no secret and no free text: the config fields the validator lets hold a
    /// hostile value reach it nowhere (facility file names, sizes and protocols are validated
    /// shapes), and the configs still pass rsyslogd -N1.
    /// </summary>
    [Fact]
    public async Task No_config_field_that_may_hold_a_hostile_value_reaches_rsyslog_conf()
    {
        const string payload = "v'\"$\\`;|&<> $(touch /tmp/pwned) %(x)s ${y} $z %% # ;x";
        var accepting = TestSupport.HostileConfigFields.Accepting(ShippedConfig.Load, payload);
        var config = ShippedConfig.Load();
        TestSupport.HostileConfigFields.Apply(config, accepting, payload);
        var plan = await DryRunPlan.InstallAsync(config);
        foreach (var host in new[] { config.Controllers[0].Name, config.ComputeNodes[0].Name })
        {
            var conf = DryRunPlan.Written(plan, host, RsyslogConfigs.ConfPath);
            var check = await CheckAsync(conf);
            Assert.True(check.Succeeded, $"rsyslogd -N1 rejected {host}:\n{check.Output}");
            Assert.DoesNotContain("pwned", conf, StringComparison.Ordinal);
        }
        var container = RsyslogConfigs.RenderForwarder(ComponentCatalog.Templates, config, Container);
        Assert.DoesNotContain("pwned", container, StringComparison.Ordinal);
    }

    private static async Task<string> RenderAsync(string which)
    {
        var config = ShippedConfig.Load();
        if (which == "container")
        {
            return RsyslogConfigs.RenderForwarder(ComponentCatalog.Templates, config, Container);
        }
        var host = which switch
        {
            "primary" => config.Controllers[0].Name,
            "standby-1" => config.Controllers[1].Name,
            "standby-2" => config.Controllers[2].Name,
            _ => config.ComputeNodes[0].Name,
        };
        var plan = await DryRunPlan.InstallAsync(config);
        return DryRunPlan.Written(plan, host, RsyslogConfigs.ConfPath);
    }

    // rsyslogd -N1 refuses a work directory that does not exist; this machine has no /var/lib/rsyslog
    // (Alpine's package creates it, Debian's does not) and the tests create nothing in /var/lib.
    private static async Task<ExternalTool.Result> CheckAsync(string conf)
    {
        var dir = Directory.CreateTempSubdirectory("osinstall-rsyslog-check-");
        var production = $"workDirectory=\"{RsyslogEnvironment.Host.WorkDirectory}\"";
        Assert.Contains(production, conf);
        var path = Path.Combine(dir.FullName, "rsyslog.conf");
        await File.WriteAllTextAsync(path, conf.Replace(production, $"workDirectory=\"{dir.FullName}\"", StringComparison.Ordinal));
        try
        {
            return await ExternalTool.RunAsync(ExternalTool.Require("rsyslogd"), ["-N1", "-f", path], CancellationToken.None);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
