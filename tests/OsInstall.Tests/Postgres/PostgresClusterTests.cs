using System.Text;
using OsInstall.Common.Dns;
using OsInstall.Components.Postgres;
using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Postgres;

/// <summary>
/// cluster install / uninstall of postgres on the simulated cluster (with prepare, bind and rsyslog,
/// which the containers need). Commands inside the containers go through the lxc-attach stand-in:
/// recorded on the controller, not executed, so the test answers for the servers with lxc-attach's
/// canned output, as they would answer once set up: postgres-1 the writable master with two
/// synchronous standbys, postgres-2 and -3 in recovery, seeing postgres-1 as the master. What
/// can be checked here is what each controller and container was asked; that the asked commands
/// work is what the loopback-server tests check.
/// </summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class PostgresClusterTests(SimulatedCluster cluster)
{
    private const string C1 = "o3p-os-controller-1";
    private const string C2 = "o3p-os-controller-2";
    private const string C3 = "o3p-os-controller-3";

    [SimulationFact]
    public async Task Install_rerun_and_uninstall_on_the_simulated_cluster()
    {
        using var op = new CliScenario(cluster);
        var config = cluster.CreateConfig();
        var settings = PostgresSettings.FromConfig(config);
        var master = $"{PostgresCommands.MasterPrefix}{config.Fqdn("postgres-1")}:5432";
        cluster.ClearFaults();
        cluster.ClearCalls();
        cluster.SetOutput(C1, "lxc-attach", "standby_signal=no\nin_recovery=f\nsync_standbys=2\n");
        cluster.SetOutput(C2, "lxc-attach", $"standby_signal=yes\nin_recovery=t\n{master}\n");
        cluster.SetOutput(C3, "lxc-attach", $"standby_signal=yes\nin_recovery=t\n{master}\n");
        try
        {
            var install = await op.RunAsync("cluster", "install", "--only", "prepare,bind,rsyslog,postgres");
            Assert.True(install.ExitCode == 0, install.Output + op.Log("postgres"));

            var inside = new[] { C1, C2, C3 }.Select((h, i) => Inside(h, $"postgres-{i + 1}")).ToList();
            // Packages only in postgres-1 (before its snapshot: the clones have them).
            Assert.Contains(inside[0], c => c.Contains("apk add", StringComparison.Ordinal)
                && c.Contains($"postgresql{settings.Version} postgresql{settings.Version}-client keepalived", StringComparison.Ordinal));
            Assert.DoesNotContain(inside[1].Concat(inside[2]), c => c.Contains("apk add", StringComparison.Ordinal));
            // The master's database cluster is made by initdb on postgres-1 only; the standbys' by base backup, only on 2 and 3.
            Assert.Contains(inside[0], c => c.Contains("/initdb", StringComparison.Ordinal));
            Assert.DoesNotContain(inside[0], c => c.Contains("pg_basebackup", StringComparison.Ordinal));
            foreach (var i in new[] { 1, 2 })
            {
                var backup = Assert.Single(inside[i], c => c.Contains("pg_basebackup", StringComparison.Ordinal));
                Assert.Contains($"-S replication_slot_{i + 1}", backup);
                Assert.Contains($"host={config.Fqdn("postgres-1")}", backup);
                Assert.DoesNotContain(inside[i], c => c.Contains("/initdb", StringComparison.Ordinal));
                // ...after checking whether the data directory already was a standby of the master.
                Assert.True(inside[i].FindIndex(c => c.Contains("pg_controldata", StringComparison.Ordinal))
                    < inside[i].FindIndex(c => c.Contains("pg_basebackup", StringComparison.Ordinal)));
            }
            // Every member got its files (through stdin, see below) and runs both services.
            string[] files = [settings.MasterConf, settings.SlaveConf, settings.HbaConf, settings.IdentConf, settings.PgPassFile,
                settings.CheckScript, settings.PromoteScript, settings.DemoteScript, PostgresFiles.InitScriptPath, PostgresFiles.ConfdPath,
                "/etc/keepalived/keepalived.conf", "/etc/init.d/keepalived"];
            foreach (var member in inside)
            {
                Assert.All(files, f => Assert.Contains(member, c => c.Contains($"cat > {f}.osinstall-tmp", StringComparison.Ordinal)));
                Assert.Contains(member, c => c.Contains("rc-update add postgresql default", StringComparison.Ordinal));
                Assert.Contains(member, c => c.Contains("rc-update add keepalived default", StringComparison.Ordinal));
                Assert.Contains(member, c => c.Contains("rc-service --ifnotstarted postgresql start", StringComparison.Ordinal) || c.Contains("rc-service postgresql restart", StringComparison.Ordinal));
            }
            // Local SQL on stdin: the superuser password and the slots on the master, only the slots on a standby.
            static bool LocalSql(string c) => c.Contains("psql", StringComparison.Ordinal) && c.Contains("-f -", StringComparison.Ordinal) && c.Contains(" -h /run/postgresql", StringComparison.Ordinal);
            Assert.Equal([2, 1, 1], inside.Select(m => m.Count(LocalSql)));

            // No secret (and no file content) travels on a command line: every file came on stdin from a 0600 file the same command removed.
            var secrets = new[] { op.Secrets.Get(PostgresInstaller.PasswordSecret), op.Secrets.Get("keepalived_auth_pass") };
            foreach (var h in new[] { C1, C2, C3 })
            {
                Assert.All(cluster.Calls(h), c => Assert.All(secrets, s => Assert.DoesNotContain(s, c.ArgLine, StringComparison.Ordinal)));
                Assert.Empty(Directory.GetFiles(cluster.InRoot(h, "/tmp"), "osinstall-input-*"));
            }
            var pgpassLine = Convert.ToBase64String(Encoding.UTF8.GetBytes($"*:*:*:postgres:{op.Secrets.Get(PostgresInstaller.PasswordSecret)}"));
            Assert.DoesNotContain(op.AllLogFiles().Select(File.ReadAllText), t => t.Contains(op.Secrets.Get(PostgresInstaller.PasswordSecret), StringComparison.Ordinal) || t.Contains(pgpassLine[..16], StringComparison.Ordinal));

            // The VIP: a virtual port whose parents are the three members, and its name in DNS.
            Assert.Contains(cluster.Calls(C1), c => c.Command == "ovn-nbctl" && c.ArgLine.Contains("lsp-set-type postgres virtual", StringComparison.Ordinal)
                && c.Args.Contains($"virtual-ip={config.Vips.Postgres}") && c.Args.Contains("virtual-parents=postgres-1,postgres-2,postgres-3"));
            var zone = cluster.ReadFile(C1, $"{DnsZoneSet.DefaultDataDirectory}/pri/{DnsZoneSet.ForwardFile}") ?? "";
            Assert.Contains(zone.Split('\n'), l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() == "postgres" && l.Contains(config.Vips.Postgres, StringComparison.Ordinal));
            Assert.Contains("health synchronous standbys: ok", op.Log("postgres"));

            // A rerun of the cluster install asks no host anything.
            cluster.ClearCalls();
            var rerun = await op.RunAsync("cluster", "install", "--only", "prepare,bind,rsyslog,postgres");
            Assert.True(rerun.ExitCode == 0, rerun.Output);
            Assert.All(cluster.HostNames, h => Assert.Empty(cluster.Calls(h)));

            // Installing postgres again runs every step; when the standbys already stream from the master, no base backup is taken.
            cluster.SetOutput(C2, "lxc-attach", $"standby_signal=yes\nin_recovery=t\n{master}\n{PostgresCommands.StandbyOfMaster}\n");
            cluster.SetOutput(C3, "lxc-attach", $"standby_signal=yes\nin_recovery=t\n{master}\n{PostgresCommands.StandbyOfMaster}\n");
            var again = await op.RunAsync("component", "install", "postgres");
            Assert.True(again.ExitCode == 0, again.Output + op.Log("postgres"));
            Assert.All(new[] { C1, C2, C3 }, h =>
            {
                Assert.DoesNotContain(cluster.Calls(h), c => c.Command == "lxc-attach" && (c.ArgLine.Contains("pg_basebackup", StringComparison.Ordinal)
                    // a forced install provisions postgres-1 again: only the guarded form (apk info -e first) may be sent
                    || (c.ArgLine.Contains("apk add", StringComparison.Ordinal) && !c.ArgLine.Contains("apk info -e", StringComparison.Ordinal))));
                Assert.DoesNotContain(cluster.Calls(h), c => c.Command is "lxc-create" or "lxc-destroy" || (c.Command == "rbd" && c.ArgLine.Contains("clone", StringComparison.Ordinal)));
            });

            var uninstall = await op.RunAsync("component", "uninstall", "postgres", "--yes");
            Assert.True(uninstall.ExitCode == 0, uninstall.Output + op.Log("postgres", "uninstall"));
            Assert.Contains(cluster.Calls(C1), c => c.Command == "ovn-nbctl" && c.ArgLine.Contains("lsp-del postgres", StringComparison.Ordinal) && !c.ArgLine.Contains("postgres-", StringComparison.Ordinal));
            zone = cluster.ReadFile(C1, $"{DnsZoneSet.DefaultDataDirectory}/pri/{DnsZoneSet.ForwardFile}") ?? "";
            Assert.DoesNotContain(zone.Split('\n'), l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() == "postgres");
            foreach (var (h, i) in new[] { (C1, 1), (C2, 2), (C3, 3) })
            {
                // The container mechanism removes a member as the rbd rootfs needs: stop, its directory, its image (not lxc-destroy).
                Assert.Contains(cluster.Calls(h), c => c.Command == "lxc-stop" && c.Args.Contains($"postgres-{i}"));
                Assert.Contains(cluster.Calls(h), c => c.Command == "rbd" && c.Args.Contains("rm") && c.Args.Contains($"postgres-{i}"));
            }
        }
        finally
        {
            foreach (var h in new[] { C1, C2, C3 })
            {
                cluster.SetOutput(h, "lxc-attach", "");
            }
        }
    }

    /// <summary>The commands run inside <paramref name="container"/> (the last argument of each lxc-attach on its controller), in order.</summary>
    private List<string> Inside(string host, string container) =>
        cluster.Calls(host).Where(c => c.Command == "lxc-attach" && c.Args.Contains(container)).Select(c => c.Args[^1]).ToList();
}
