using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Components.Rsyslog;
using Xunit;

namespace OsInstall.Tests.Rsyslog;

/// <summary>The health check: what it asks each host.</summary>
public sealed class RsyslogVerifyTests
{
    [Fact]
    public async Task Verify_checks_the_config_syntax_and_the_service_on_every_host()
    {
        var config = ShippedConfig.Load();
        var recorder = new DryRunRecorder();
        await using var targets = new DryRunTargetProvider(recorder);
        var logDir = Directory.CreateTempSubdirectory("osinstall-rsyslog-verify-");
        try
        {
            var runner = new ComponentRunner(config, new SecretStore(), ComponentCatalog.Templates, targets,
                InstallJournal.InMemory(), new RunOptions { LogDir = logDir.FullName, DryRun = true });
            var health = await runner.VerifyAsync(new RsyslogInstaller(), CancellationToken.None);
            Assert.True(health.Healthy);
            Assert.Equal(2 * config.AllHosts.Count(), health.Checks.Count);
            foreach (var host in config.AllHosts)
            {
                var commands = recorder.Snapshot().Where(a => a.Host == host.Name && a.Kind == "run").Select(a => a.Detail).ToList();
                Assert.Equal(["rsyslogd -N1 -f /etc/rsyslog.conf", "rc-service rsyslog status"], commands);
            }
        }
        finally
        {
            logDir.Delete(recursive: true);
        }
    }
}
