using OsInstall.Common.Alpine;
using OsInstall.Common.Config;
using OsInstall.Common.Dns;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Bind;

/// <summary>
/// ISC bind on the controllers: the primary on controller-1 with the cluster's forward zone and the
/// reverse zones of the internal and compute networks, secondaries on the other controllers that
/// transfer with a TSIG key, forwarders for everything else, rndc, and resolv.conf pointing at them.
/// Zone files are created once; their records are reconciled through <see cref="DnsRecordService"/>,
/// so records other components added later survive a rerun.
/// </summary>
public sealed class BindInstaller : IComponent
{
    private const string BackupSuffix = ".osinstall-orig";
    private const string LogDir = "/var/log/bind";
    private const string Package = "bind";

    private static readonly OpenRcService Named = new("named");

    private readonly Func<ClusterConfig, BindSettings> settingsFor;
    private readonly TimeProvider clock;

    public BindInstaller() : this(null, null)
    {
    }

    /// <param name="settings">Ports, addresses and directories of the servers (tests move them); default from the config.</param>
    /// <param name="clock">Source of the zone serials' date.</param>
    public BindInstaller(Func<ClusterConfig, BindSettings>? settings, TimeProvider? clock)
    {
        settingsFor = settings ?? BindSettings.FromConfig;
        this.clock = clock ?? TimeProvider.System;
    }

    public string Name => "bind";

    public int Order => 20;

    public string Description => "ISC bind: primary on controller-1, secondaries on the other controllers, cluster zones, rndc";

    public IReadOnlyList<string> Hosts(ClusterConfig config) => config.Controllers.Select(c => c.Name).ToList();

    public IEnumerable<string> RequiredSecrets(ClusterConfig config) => [BindFiles.TransferSecret, BindFiles.RndcSecret];

    public IEnumerable<Phase> Install(ComponentContext ctx)
    {
        var settings = settingsFor(ctx.Config);
        var hosts = settings.Servers.Select(s => s.Host).ToList();
        yield return Phase.PerHost("install-package", hosts, s => s.Run(Apk.Add(Package)));
        yield return Phase.On("configure-primary", settings.Primary.Host, s => ConfigurePrimaryAsync(s, settings));
        var secondaries = settings.Secondaries.Select(s => s.Host).ToList();
        if (secondaries.Count > 0)
        {
            yield return Phase.PerHost("configure-secondary", secondaries, s => ConfigureSecondaryAsync(s, settings));
        }
        yield return Phase.PerHost("resolv-conf", hosts, s => WriteResolvConfAsync(s, settings));
    }

    public IEnumerable<Phase> Uninstall(ComponentContext ctx)
    {
        var settings = settingsFor(ctx.Config);
        var hosts = settings.Servers.Select(s => s.Host).ToList();
        yield return Phase.PerHost("stop-named", hosts, s => s.Run(Named.StopAndDisable));
        yield return Phase.PerHost("remove-package", hosts, s => s.Run(Apk.Del(Package)));
        yield return Phase.PerHost("remove-files", hosts, s => RemoveFilesAsync(s, settings.Server(s.Target.Name)));
        yield return Phase.PerHost("restore-resolv-conf", hosts, s => RestoreResolvConfAsync(s, settings));
    }

    public async Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct)
    {
        var settings = settingsFor(ctx.Config);
        var checks = new List<HealthCheck>();
        foreach (var server in settings.Servers)
        {
            var target = await ctx.TargetAsync(server.Host, ct).ConfigureAwait(false);
            var conf = await target.RunAsync(Sh.Join("named-checkconf", server.ConfPath), ct).ConfigureAwait(false);
            checks.Add(new HealthCheck(server.Host, "named.conf valid", conf.Succeeded, Detail(conf)));
            var running = await target.RunAsync(Named.Status, ct).ConfigureAwait(false);
            checks.Add(new HealthCheck(server.Host, "named running", running.Succeeded, Detail(running)));
            // rndc status needs a live named behind the control channel, not just a pid file.
            var rndc = await target.RunAsync(Sh.Join([.. settings.Rndc(server), "status"]), ct).ConfigureAwait(false);
            checks.Add(new HealthCheck(server.Host, "named answers rndc", rndc.Succeeded, Detail(rndc)));
            // The zone the cluster's hosts and containers live in; dig is not on every host, rndc is.
            var domain = ctx.Config.Cluster.Domain;
            var zone = await target.RunAsync(Sh.Join([.. settings.Rndc(server), "zonestatus", domain]), ct).ConfigureAwait(false);
            checks.Add(new HealthCheck(server.Host, $"serves {domain}", zone.Succeeded, Detail(zone)));
        }
        return HealthReport.From(checks);
    }

    private async Task ConfigurePrimaryAsync(StepContext s, BindSettings settings)
    {
        var server = settings.Primary;
        var ctx = s.Component;
        var confChanged = await WriteConfigAsync(s, settings, server).ConfigureAwait(false);
        var running = (await s.Target.RunAsync(Named.Status, s.Cancellation).ConfigureAwait(false)).Succeeded;
        var records = new DnsRecordService(s.Target, settings.Zones(s.Config), new DnsServiceOptions
        {
            Rndc = settings.Rndc(server),
            Clock = clock,
            ZoneFileSpec = settings.ReadableSpec,
            CreateMissingZone = zone => BindFiles.Zone(ctx, zone, clock),
        });
        // A running named that is about to restart reads the zones anyway; otherwise reload what changed.
        var result = await records.ApplyAsync(BindFiles.HostRecords(s.Config), reload: running && !confChanged, s.Cancellation).ConfigureAwait(false);
        await RunNamedAsync(s, server.ConfPath, restart: confChanged || result.CreatedZones.Count > 0, primary: true).ConfigureAwait(false);
    }

    private static async Task ConfigureSecondaryAsync(StepContext s, BindSettings settings)
    {
        var server = settings.Server(s.Target.Name);
        var changed = await WriteConfigAsync(s, settings, server).ConfigureAwait(false);
        await RunNamedAsync(s, server.ConfPath, restart: changed, primary: false).ConfigureAwait(false);
    }

    /// <summary>
    /// Enabled at boot and running with the configuration on disk: started when stopped,
    /// restarted when <paramref name="restart"/> (its configuration changed), else left alone.
    /// </summary>
    private static async Task RunNamedAsync(StepContext s, string confPath, bool restart, bool primary)
    {
        // A broken named.conf (or, on the primary, a broken zone file: -z loads them) must stop the
        // step here, not take a running named down.
        await s.Run(primary ? Sh.Join("named-checkconf", "-z", confPath) : Sh.Join("named-checkconf", confPath)).ConfigureAwait(false);
        await s.Run(Named.EnableAndRun(configChanged: restart)).ConfigureAwait(false);
    }

    /// <summary>Keys first, then the named.conf that includes them; true when any of them changed.</summary>
    private static async Task<bool> WriteConfigAsync(StepContext s, BindSettings settings, NamedServer server)
    {
        var ctx = s.Component;
        var changed = await s.Write(server.RndcKeyPath, BindFiles.RndcKey(ctx, settings), settings.KeySpec).ConfigureAwait(false);
        changed |= await s.Write(server.TransferKeyPath, BindFiles.TransferKey(ctx, settings), settings.KeySpec).ConfigureAwait(false);
        changed |= await s.Write(server.ConfPath, BindFiles.NamedConf(ctx, settings, server), settings.ReadableSpec).ConfigureAwait(false);
        return changed;
    }

    private static async Task WriteResolvConfAsync(StepContext s, BindSettings settings)
    {
        var path = settings.ResolvConfPath;
        var backup = path + BackupSuffix;
        // Keep the resolv.conf the host had before us, once, so uninstall can put it back.
        if (!await s.Target.ExistsAsync(backup, s.Cancellation).ConfigureAwait(false)
            && await s.Target.ExistsAsync(path, s.Cancellation).ConfigureAwait(false))
        {
            await s.Run(Sh.Join("cp", "-p", path, backup)).ConfigureAwait(false);
        }
        await s.Write(path, BindFiles.ResolvConf(s.Component)).ConfigureAwait(false);
    }

    private static async Task RestoreResolvConfAsync(StepContext s, BindSettings settings)
    {
        var path = settings.ResolvConfPath;
        var backup = path + BackupSuffix;
        if (await s.Target.ExistsAsync(backup, s.Cancellation).ConfigureAwait(false))
        {
            await s.Run(Sh.Join("mv", "-f", backup, path)).ConfigureAwait(false);
        }
    }

    // rm -rf is idempotent by itself; unconditional, it also shows in a dry-run listing.
    private static Task RemoveFilesAsync(StepContext s, NamedServer server) =>
        s.Run(Sh.Join("rm", "-rf", server.ConfDir, server.DataDir, LogDir));

    private static string Detail(Common.Targets.CommandResult r) =>
        r.Succeeded ? "ok" : $"exit {r.ExitCode}: {(r.StdErr.Length > 0 ? r.StdErr : r.StdOut).Trim()}";
}
