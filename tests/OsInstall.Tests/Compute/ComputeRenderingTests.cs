using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Secrets;
using OsInstall.Components.Compute;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Placement;
using OsInstall.Components;
using OsInstall.Tests.Bind;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Compute;

/// <summary>
/// What the compute component renders, checked by the tools that read it: shellcheck for every
/// shell script (the OpenRC scripts as sh), python's configparser for the oslo.config files.
/// </summary>
public sealed class ComputeRenderingTests
{
    private static ComponentContext Context()
    {
        var loaded = ConfigLoader.LoadFile(SimulatedConfig.FindRepoFile("config/common.yaml"));
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var secrets = new SecretStore();
        SecretsFile.FillMissing(secrets, SecretCatalog.All);
        secrets.Set("ceph_cinder_key", "AQBsimulatedcinderkeysimulatedcinderkey==");
        return new ComponentContext(loaded.Config!, secrets, ComponentCatalog.Templates,
            (_, _) => throw new InvalidOperationException("no hosts in a rendering test"), (_, _, _) => Task.CompletedTask,
            Serilog.Core.Logger.None, dryRun: false);
    }

    public static TheoryData<string> Scripts() => new(
        "pack-nova-list", "pack-neutron-tar", "pack-cinder-tar", "qemu", "init-nova-compute", "init-neutron-ovn-metadata-agent", "init-cinder-volume");

    private static string Render(ComponentContext ctx, string which) => which switch
    {
        "qemu" => QemuBuild.Script(ctx),
        _ when which.StartsWith("pack-", StringComparison.Ordinal) =>
            PackageTarballs.PackScript(ctx, which.Split('-')[1], which.Split('-')[2]),
        _ => NodeConfigs.InitScript(ctx, NodeService.All.Single(s => "init-" + s.Daemon == which)),
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Every_rendered_script_passes_shellcheck(string which)
    {
        using var dir = new TempDir("compute-render");
        var ctx = Context();
        var script = dir.File(which + ".sh");
        await File.WriteAllTextAsync(script, Render(ctx, which));
        // SC2034 in the OpenRC scripts: openrc-run reads the variables they only assign.
        string[] exclude = which.StartsWith("init-", StringComparison.Ordinal) ? ["-e", "SC2034"] : [];
        var (exit, output) = await Tool.RunAsync(Tool.Require("/usr/bin/shellcheck"), ["-s", "sh", .. exclude, script]);
        Assert.True(exit == 0, $"shellcheck {which}:\n{output}\n{await File.ReadAllTextAsync(script)}");
    }

    [Fact]
    public void The_qemu_build_script_takes_the_configured_ref_or_the_package_version()
    {
        var ctx = Context();
        Assert.Contains("ref=''", QemuBuild.Script(ctx), StringComparison.Ordinal);
        Assert.Contains("apk list -I qemu-system-x86_64", QemuBuild.Script(ctx), StringComparison.Ordinal);
        ctx.Config.Versions.QemuRef = "v9.2.2";
        Assert.Contains("ref=v9.2.2", QemuBuild.Script(ctx), StringComparison.Ordinal);
        Assert.Contains("--enable-rbd", QemuBuild.Script(ctx), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_config_files_are_ini_files_python_reads_with_the_expected_values()
    {
        using var dir = new TempDir("compute-render");
        var ctx = Context();
        var node = ctx.Config.ComputeNodes[0];
        var model = NodeConfigs.Model(ctx, node);
        var files = NodeConfigs.Files.Values.SelectMany(f => f).ToList();
        Assert.Equal(5, files.Count);
        var paths = new List<string>();
        foreach (var (path, template) in files)
        {
            var local = dir.File(Path.GetFileName(path));
            await File.WriteAllTextAsync(local, ctx.Render(template, model));
            paths.Add(local);
        }
        // strict=True: a duplicate section or option is an error, as it is for oslo.config's parser.
        const string Reader = """
            import configparser, sys
            for path in sys.argv[1:]:
                p = configparser.ConfigParser(strict=True, interpolation=None)
                with open(path) as f:
                    p.read_file(f)
                name = path.rsplit('/', 1)[-1]
                for k, v in p.defaults().items():
                    print(f"{name}|DEFAULT|{k}={v}")
                for s in p.sections():
                    for k, v in p._sections[s].items():
                        print(f"{name}|{s}|{k}={v}")
            """;
        var (exit, output) = await Tool.RunAsync(Tool.Require("/usr/bin/python3"), ["-c", Reader, .. paths]);
        Assert.True(exit == 0, output);
        var c = ctx.Config;
        Assert.Contains($"nova.conf|DEFAULT|my_ip={node.Address}", output, StringComparison.Ordinal);
        Assert.Contains($"nova.conf|DEFAULT|host={node.Name}", output, StringComparison.Ordinal);
        Assert.Contains("nova.conf|DEFAULT|transport_url=rabbit://openstack:", output, StringComparison.Ordinal);
        Assert.Contains($"nova.conf|placement|password={OsloValue.Escape(ctx.Secrets.Get("placement_password"))}", output, StringComparison.Ordinal);
        Assert.Contains($"nova-compute.conf|libvirt|rbd_secret_uuid={c.Ceph.CinderSecretUuid}", output, StringComparison.Ordinal);
        Assert.Contains($"nova-compute.conf|libvirt|virt_type={c.Openstack.LibvirtType}", output, StringComparison.Ordinal);
        Assert.Contains($"neutron_ovn_metadata_agent.ini|DEFAULT|metadata_proxy_shared_secret={OsloValue.Escape(ctx.Secrets.Get("metadata_proxy_secret"))}", output, StringComparison.Ordinal);
        Assert.Contains($"neutron_ovn_metadata_agent.ini|ovn|ovn_sb_connection=tcp:{c.Controllers[0].Address}:{c.Ovn.SbPort}", output, StringComparison.Ordinal);
        Assert.Contains("cinder.conf|ceph|volume_driver=cinder.volume.drivers.rbd.RBDDriver", output, StringComparison.Ordinal);
        Assert.Contains($"cinder.conf|ceph|rbd_pool={c.Ceph.CinderPool}", output, StringComparison.Ordinal);
        Assert.Contains("cinder.conf|database|connection=postgresql+psycopg2://cinder:", output, StringComparison.Ordinal);
        Assert.Contains("cinder.conf|database|slave_connection=", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_libvirt_secret_names_the_cinder_client_and_the_configured_uuid()
    {
        var ctx = Context();
        var xml = System.Xml.Linq.XDocument.Parse(LibvirtSecret.RenderXml(ctx));
        Assert.Equal(ctx.Config.Ceph.CinderSecretUuid, xml.Root!.Element("uuid")!.Value);
        Assert.Equal("ceph", xml.Root.Element("usage")!.Attribute("type")!.Value);
        Assert.Equal($"client.{ctx.Config.Ceph.CinderClient} secret", xml.Root.Element("usage")!.Element("name")!.Value);
        Assert.DoesNotContain(ctx.Secrets.Get("ceph_cinder_key"), LibvirtSecret.RenderXml(ctx), StringComparison.Ordinal);
    }

    [Fact]
    public void Init_scripts_run_the_daemon_with_its_config_files_as_its_user()
    {
        var ctx = Context();
        var nova = NodeConfigs.InitScript(ctx, NodeService.NovaCompute);
        Assert.Contains("command=/opt/nova/bin/nova-compute", nova, StringComparison.Ordinal);
        Assert.Contains("--config-file=/etc/nova/nova.conf --config-file=/etc/nova/nova-compute.conf", nova, StringComparison.Ordinal);
        Assert.Contains("command_user=nova:nova", nova, StringComparison.Ordinal);
        Assert.Contains("ovsdb-server/add-remote ptcp:6640:127.0.0.1", nova, StringComparison.Ordinal);
        var cinder = NodeConfigs.InitScript(ctx, NodeService.CinderVolume);
        Assert.DoesNotContain("start_pre", cinder, StringComparison.Ordinal);
        Assert.Contains("command_user=cinder:cinder", cinder, StringComparison.Ordinal);
    }
}
