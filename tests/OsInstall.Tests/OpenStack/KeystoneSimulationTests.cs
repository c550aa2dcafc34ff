using System.Text;
using OsInstall.Components.Keystone;
using OsInstall.Tests.Prepare;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.OpenStack;

/// <summary>keystone on the simulated cluster: what it asks of keystone, of its containers and of the database engine; reruns; uninstall; health.</summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class KeystoneSimulationTests(SimulatedCluster cluster)
{
    private static bool IsCreate(string call) =>
        call.Split(' ') is [_, "create", ..] or ["role", "add", ..] or ["endpoint", "set", ..];

    [SimulationFact]
    public async Task Each_keystone_object_is_created_once_and_a_rerun_creates_nothing()
    {
        using var s = new KeystoneScenario(cluster, "once");
        var o = s.Config.Openstack;

        await s.InstallAsync();

        Assert.Equal(
        [
            "project create --domain default --description Service Project service",
            $"project create --domain default --description Demo Project {o.DemoProject}",
            $"user create --domain default {o.DemoUser} --password {OpenStackTestSecrets.Value(KeystoneInstaller.DemoPasswordSecret)}",
            $"role create {o.DemoRole}",
            $"role add --project {o.DemoProject} --user {o.DemoUser} {o.DemoRole}",
        ], s.Openstack().Where(IsCreate));
        Assert.Equal([$"ensure keystone keystone keystone_db_password on {s.Controller(1)}"], s.Engine.Calls);

        await s.InstallAsync();

        Assert.DoesNotContain(s.Openstack(), IsCreate);
        Assert.Contains($"project show {o.DemoProject}", s.Openstack());
        Assert.Contains($"role assignment list --project {o.DemoProject} --user {o.DemoUser} --role {o.DemoRole} --names -f value -c Role", s.Openstack());
        Assert.Equal(2, s.Engine.Calls.Count);
        // The rc files on controller-1 are prepare's, rendered by prepare's code.
        Assert.Contains("export OS_AUTH_URL=http://", cluster.ReadFile(s.Controller(1), "/root/admin-openrc"), StringComparison.Ordinal);
        Assert.Contains($"export OS_USERNAME={o.DemoUser}", cluster.ReadFile(s.Controller(1), "/root/user-openrc"), StringComparison.Ordinal);
    }

    [SimulationFact]
    public async Task Keystone_1_syncs_its_database_makes_the_keys_and_bootstraps_and_every_member_runs_its_workers()
    {
        using var s = new KeystoneScenario(cluster, "phases");

        await s.InstallAsync();

        var first = s.InContainer(1, "keystone-1");
        Assert.Contains("su -s /bin/sh keystone -c '/opt/keystone/bin/keystone-manage db_sync'", first);
        Assert.Contains("[ -e /etc/keystone/fernet-keys/0 ] || /opt/keystone/bin/keystone-manage fernet_setup --keystone-user keystone --keystone-group keystone", first);
        Assert.Contains("[ -e /etc/keystone/credential-keys/0 ] || /opt/keystone/bin/keystone-manage credential_setup --keystone-user keystone --keystone-group keystone", first);
        var bootstrap = Assert.Single(first, c => c.Contains("keystone-manage bootstrap", StringComparison.Ordinal));
        Assert.StartsWith("OS_BOOTSTRAP_PASSWORD=\"$(cat /root/.osinstall/admin.password)\" /opt/keystone/bin/keystone-manage bootstrap", bootstrap, StringComparison.Ordinal);
        Assert.Contains($"--bootstrap-region-id {s.Config.Cluster.Region} --bootstrap-admin-url http://haproxy.{s.Config.Cluster.Domain}:5000/v3/", bootstrap, StringComparison.Ordinal);
        Assert.Contains(first, c => c.Contains("git clone --depth 1 --branch stable/2026.1 https://opendev.org/openstack/keystone.git /opt/keystone/src/keystone", StringComparison.Ordinal)
                                     && c.Contains("/opt/keystone/bin/pip install --no-cache-dir -c https://opendev.org/openstack/requirements/raw/branch/stable/2026.1/upper-constraints.txt /opt/keystone/src/keystone bjoern psycopg2 python-memcached", StringComparison.Ordinal));
        // Built once, in keystone-1: the others are its clones.
        Assert.DoesNotContain(s.InContainer(2, "keystone-2"), c => c.Contains("git clone", StringComparison.Ordinal));
        Assert.DoesNotContain(s.InContainer(2, "keystone-2"), c => c.Contains("keystone-manage", StringComparison.Ordinal));

        for (var i = 1; i <= 3; i++)
        {
            var inside = s.InContainer(i, $"keystone-{i}");
            Assert.Contains(inside, c => c.Contains("/etc/keystone/keystone.conf", StringComparison.Ordinal) && c.Contains("chown root:keystone", StringComparison.Ordinal));
            Assert.Contains(inside, c => c.Contains("/etc/init.d/keystone-2", StringComparison.Ordinal));
            var start = Assert.Single(inside, c => c.Contains("rc-service --ifnotstarted keystone-1 start", StringComparison.Ordinal));
            Assert.Contains("rc-service --ifnotstarted keystone-2 start", start, StringComparison.Ordinal);
            Assert.Contains("rc-service keystone-2 restart", start, StringComparison.Ordinal);
        }
        // keystone-2 and -3 ask keystone-1 (on controller-1) for its key set from their own step. Nothing runs inside the
        // simulated containers, so keystone-1 answers an empty set: nothing is copied and nothing is removed, with a warning.
        Assert.Equal(2, s.InContainer(1, "keystone-1").Count(c => c.StartsWith("cd /etc/keystone && for d in fernet-keys credential-keys;", StringComparison.Ordinal)));
        Assert.Contains("[keystone-2] keystone-1 has no keystone keys in /etc/keystone: nothing copied", s.Log(), StringComparison.Ordinal);
        Assert.DoesNotContain(s.InContainer(2, "keystone-2"), c => c.Contains("fernet-keys", StringComparison.Ordinal));
    }

    [SimulationFact]
    public async Task No_secret_reaches_a_command_line_and_no_config_content_reaches_the_log()
    {
        using var s = new KeystoneScenario(cluster, "secrets");

        await s.InstallAsync();

        var calls = Enumerable.Range(1, 3).SelectMany(s.Calls).Select(c => c.ArgLine).ToList();
        Assert.NotEmpty(calls);
        foreach (var secret in new[] { KeystoneInstaller.AdminPasswordSecret, "keystone_db_password" }.Select(OpenStackTestSecrets.Value))
        {
            Assert.DoesNotContain(calls, c => c.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, s.Log(), StringComparison.Ordinal);
        }
        // The demo password reaches the openstack stand-in through "$(cat file)" only: the command line sent holds no secret.
        Assert.DoesNotContain(s.Commands, c => OpenStackTestSecrets.Values.Any(v => c.Contains(v, StringComparison.Ordinal)));
        var conf = KeystoneConf.Render(RenderedConfigs.Context(s.Config, s.Secrets), s.Engine.Urls(s.Config, s.Secrets, s.Component.Service.Database!));
        Assert.Contains("write /etc/keystone/keystone.conf mode=0640 owner=root:keystone", s.Log(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(conf)), s.Log(), StringComparison.Ordinal);
    }

    [SimulationFact]
    public async Task Every_command_sent_passes_shellcheck()
    {
        using var s = new KeystoneScenario(cluster, "shellcheck");
        IEnumerable<string> Inside() => Enumerable.Range(1, 3).SelectMany(s.Calls).Where(c => c.Command == "lxc-attach").Select(c => c.Args[^1]).ToList();
        await s.InstallAsync();
        var inside = Inside();
        await s.UninstallAsync();
        inside = inside.Concat(Inside());

        // The lxc-attach wrappers quote their command on purpose (SC2016): the commands inside are checked instead.
        var commands = s.Commands.Where(c => !c.StartsWith("lxc-attach ", StringComparison.Ordinal)).Concat(inside).Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains(commands, c => c.Contains("openstack project create", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("keystone-manage bootstrap", StringComparison.Ordinal));
        var script = "#!/bin/sh\n" + string.Join("\n", commands) + "\n";

        // SC1091: admin-openrc is on controller-1, not here.
        var (exit, findings) = await ShellCheck.RunAsync(script, exclude: "SC1091");

        Assert.True(exit == 0, findings + "\n" + string.Join("\n", script.Split('\n').Select((l, i) => $"{i + 1}: {(l.Length > 300 ? l[..300] : l)}")));
    }

    [SimulationFact]
    public async Task Uninstall_drops_the_database_and_removes_the_containers()
    {
        using var s = new KeystoneScenario(cluster, "uninstall");
        await s.InstallAsync();

        await s.UninstallAsync();

        Assert.Equal($"drop keystone keystone on {s.Controller(1)}", s.Engine.Calls.Last());
        for (var i = 1; i <= 3; i++)
        {
            Assert.Contains(s.Calls(i), c => c.Command == "rbd" && c.ArgLine.EndsWith($"rm keystone-{i}", StringComparison.Ordinal));
        }
        Assert.Equal(["detach keystone-1", "detach keystone-2", "detach keystone-3"],
            s.Network.Calls.Where(c => c.StartsWith("detach", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [SimulationFact]
    public async Task Health_asks_keystone_through_the_vip_and_names_what_is_missing()
    {
        using var s = new KeystoneScenario(cluster, "health");
        await s.InstallAsync();

        var healthy = await s.VerifyAsync();
        Assert.True(healthy.Healthy, string.Join("\n", healthy.Checks));
        Assert.Contains(healthy.Checks, c => c.Check == "openstack token issue -f value -c expires" && c.Host == s.Controller(1));
        Assert.Equal(2 * 3, healthy.Checks.Count(c => c.Check.EndsWith(" running", StringComparison.Ordinal)));

        await s.RunOnFirstAsync($"openstack project delete {s.Config.Openstack.DemoProject}");
        var report = await s.VerifyAsync();

        Assert.False(report.Healthy);
        var failed = Assert.Single(report.Checks, c => !c.Ok);
        Assert.Equal("openstack project list -f value -c Name", failed.Check);
        Assert.Equal($"missing: {s.Config.Openstack.DemoProject}", failed.Detail);
    }
}
