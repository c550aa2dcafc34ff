using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Components.Glance;
using OsInstall.Components.OpenStack;
using OsInstall.Tests.Bind;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Prepare;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Glance;

/// <summary>glance's rendered files: glance-api.conf with the RBD store, the image schema, the Ceph client, the OpenRC daemon, its haproxy frontend.</summary>
public sealed class GlanceTests
{
    private static readonly GlanceInstaller Glance = new(_ => new FakeDatabaseEngine());

    internal static string RenderConf(Action<ClusterConfig>? change = null, bool slave = true)
    {
        var ctx = RenderedConfigs.Context(RenderedConfigs.ExampleConfig(change));
        var urls = new FakeDatabaseEngine().Urls(ctx.Config, ctx.Secrets, Glance.Service.Database!);
        return GlanceInstaller.RenderConf(ctx, slave ? urls : urls with { SlaveConnection = null });
    }

    [Fact]
    public void Glance_api_conf_stores_images_in_the_configured_ceph_pool_as_the_glance_client()
    {
        var conf = RenderConf(c =>
        {
            c.Ceph.GlancePool = "images-x";
            c.Ceph.GlanceClient = "glance-x";
            c.Openstack.BjoernWorkers = 3;
        });

        Assert.Contains("enabled_backends = glance.store.rbd.store:rbd\n", conf, StringComparison.Ordinal);
        Assert.Contains("[glance_store]\ndefault_backend = glance.store.rbd.store\n", conf, StringComparison.Ordinal);
        Assert.Contains("[glance.store.rbd.store]\nrbd_store_pool = images-x\nrbd_store_user = glance-x\nrbd_store_ceph_conf = /etc/ceph/ceph.conf\n", conf, StringComparison.Ordinal);
        Assert.Contains("bind_port = 9292\nworkers = 3\n", conf, StringComparison.Ordinal);
        Assert.Contains("syslog_log_facility = LOG_LOCAL4\n", conf, StringComparison.Ordinal);
        Assert.Contains("username = glance\n", conf, StringComparison.Ordinal);
        Assert.Contains("password = " + OpenStackTestSecrets.Value("glance_password").Replace("$", "$$", StringComparison.Ordinal) + "\n", conf, StringComparison.Ordinal);
        Assert.Contains("[paste_deploy]\nflavor = keystone\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_image_schema_is_a_json_schema_glance_itself_accepts()
    {
        var ctx = RenderedConfigs.Context(RenderedConfigs.ExampleConfig());
        using var dir = new TempDir("osinstall-glance-schema");
        var path = dir.File("schema-image.json");
        await File.WriteAllTextAsync(path, GlanceInstaller.RenderSchema(ctx));

        // glance's own loader (the v2 image schema with these custom properties), then the JSON Schema meta-schema.
        var (exit, output) = await Python.RunAsync("-c",
            "import json, sys, jsonschema\n" +
            "from glance.api.v2 import images\n" +
            "props = json.load(open(sys.argv[1]))\n" +
            "schema = images.get_schema(props)\n" +
            "jsonschema.Draft4Validator.check_schema(schema.raw())\n" +
            "names = sorted(props)\n" +
            "assert all(n in schema.raw()['properties'] for n in names), names\n" +
            "schema.validate({'name': 'x', 'os_distro': 'alpine', 'cinder_encryption_key_deletion_policy': 'do_not_delete'})\n" +
            "print(' '.join(names))\n",
            path);

        Assert.True(exit == 0, output);
        Assert.Equal(
            "architecture cinder_encryption_key_deletion_policy cinder_encryption_key_id description instance_uuid kernel_id os_distro os_version ramdisk_id",
            output.Trim());
    }

    [Fact]
    public async Task A_value_outside_the_schema_is_refused_by_glance()
    {
        var ctx = RenderedConfigs.Context(RenderedConfigs.ExampleConfig());
        using var dir = new TempDir("osinstall-glance-schema");
        var path = dir.File("schema-image.json");
        await File.WriteAllTextAsync(path, GlanceInstaller.RenderSchema(ctx));

        var (exit, output) = await Python.RunAsync("-c",
            "import json, sys\n" +
            "from glance.api.v2 import images\n" +
            "images.get_schema(json.load(open(sys.argv[1]))).validate({'name': 'x', 'kernel_id': 'not-a-uuid'})\n",
            path);

        Assert.NotEqual(0, exit);
        Assert.Contains("InvalidObject", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ceph_client_of_the_containers_is_the_clusters_conf_and_a_keyring_only_glance_reads()
    {
        var ctx = RenderedConfigs.Context(RenderedConfigs.ExampleConfig(c => c.Ceph.GlanceClient = "glance7"));

        var files = GlanceInstaller.Ceph(ctx.Config).Files(ctx, Glance.Service).ToList();

        Assert.Equal(["/etc/ceph/ceph.conf", "/etc/ceph/ceph.client.glance7.keyring"], files.Select(f => f.Path));
        Assert.Contains("fsid = " + ctx.Config.Ceph.ClusterId, files[0].Content, StringComparison.Ordinal);
        Assert.Equal($"[client.glance7]\n\tkey = {OpenStackTestSecrets.Value("ceph_glance_key")}\n", files[1].Content);
        Assert.Equal(new Common.Targets.FileSpec("0640", "root", "glance"), files[1].Spec);
    }

    [Fact]
    public async Task The_glance_api_daemon_passes_shellcheck_and_runs_glance_api_with_its_conf()
    {
        var ctx = RenderedConfigs.Context(RenderedConfigs.ExampleConfig());

        var file = GlanceInstaller.Api.File(ctx, Glance.Service, [GlanceInstaller.ConfPath]);

        Assert.Equal("/etc/init.d/glance-api", file.Path);
        Assert.Equal("0755", file.Spec.Mode);
        Assert.StartsWith("#!/sbin/openrc-run\n", file.Content, StringComparison.Ordinal);
        Assert.Contains("command=/opt/glance/bin/glance-api\n", file.Content, StringComparison.Ordinal);
        Assert.Contains("command_args='--config-file /etc/glance/glance-api.conf'\n", file.Content, StringComparison.Ordinal);
        Assert.Contains("command_user=glance:glance\n", file.Content, StringComparison.Ordinal);
        Assert.Contains("required_files=/etc/glance/glance-api.conf\n", file.Content, StringComparison.Ordinal);
        Assert.Contains("supervisor=supervise-daemon\n", file.Content, StringComparison.Ordinal);
        // SC2034: OpenRC reads the variables the script only assigns.
        var (exit, findings) = await ShellCheck.RunAsync(file.Content, "sh", "SC2034");
        Assert.True(exit == 0, findings + "\n" + file.Content);
    }

    [Fact]
    public async Task The_commands_glance_sends_into_its_first_container_pass_shellcheck()
    {
        string[] commands =
        [
            SourceFiles.CopyCommand(Glance.Service, "etc/glance-api-paste.ini", GlanceInstaller.PastePath),
            CephServiceClient.LinkBindingsCommand(Glance.Service),
        ];

        Assert.Equal("cmp -s /opt/glance/src/glance/etc/glance-api-paste.ini /etc/glance/glance-api-paste.ini || " +
                     "install -D -m 0640 -o root -g glance /opt/glance/src/glance/etc/glance-api-paste.ini /etc/glance/glance-api-paste.ini", commands[0]);
        foreach (var command in commands)
        {
            var (exit, findings) = await ShellCheck.RunAsync(command, "sh");
            Assert.True(exit == 0, findings + "\n" + command);
        }
    }

    [Fact]
    public async Task The_binding_links_are_made_once_and_point_at_the_system_modules()
    {
        // The command against a fake venv and fake system modules (python3 on PATH answers for both).
        using var dir = new TempDir("osinstall-glance-links");
        var venv = Directory.CreateDirectory(dir.File("venv-site")).FullName;
        var system = Directory.CreateDirectory(dir.File("system")).FullName;
        var bin = Directory.CreateDirectory(dir.File("bin")).FullName;
        await File.WriteAllTextAsync(Path.Combine(system, "rados.so"), "");
        await File.WriteAllTextAsync(Path.Combine(system, "rbd.so"), "");
        var python = Path.Combine(bin, "python3");
        await File.WriteAllTextAsync(python,
            "#!/bin/sh\ncase $2 in *sysconfig*) echo " + venv + " ;; *rados*) echo " + system + "/rados.so ;; *rbd*) echo " + system + "/rbd.so ;; esac\n");
        File.SetUnixFileMode(python, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var command = CephServiceClient.LinkBindingsCommand(Glance.Service).Replace(Glance.Service.Python, python, StringComparison.Ordinal);

        for (var run = 0; run < 2; run++)
        {
            var (exit, output) = await Tool.RunAsync("/bin/sh", "-c", $"PATH={bin}:$PATH; {command}");
            Assert.True(exit == 0, output);
        }

        Assert.Equal(Path.Combine(system, "rados.so"), new FileInfo(Path.Combine(venv, "rados.so")).LinkTarget);
        Assert.Equal(Path.Combine(system, "rbd.so"), new FileInfo(Path.Combine(venv, "rbd.so")).LinkTarget);
    }

    [Fact]
    public void Haproxy_balances_port_9292_over_the_glance_api_of_every_container()
    {
        var config = RenderedConfigs.ExampleConfig(c => c.Openstack.BjoernWorkers = 4);

        var backend = Assert.Single(Glance.Backends(config));

        Assert.Equal("glance-api", backend.Name);
        Assert.Equal(9292, backend.Port);
        Assert.Equal(BackendMode.Http, backend.Mode);
        Assert.Equal("/healthcheck", backend.CheckPath);
        Assert.Equal(
        [
            new BackendServer("glance-1", "glance-1.oppp.lab", 9292),
            new BackendServer("glance-2", "glance-2.oppp.lab", 9292),
            new BackendServer("glance-3", "glance-3.oppp.lab", 9292),
        ], backend.Servers);
    }

    [Fact]
    public void Glance_is_no_bjoern_api_its_daemon_is_started_and_checked_with_the_others()
    {
        var config = RenderedConfigs.ExampleConfig();

        Assert.Empty(Glance.Service.Apis);
        Assert.Equal(["glance-api"], Glance.Service.Services(config));
        Assert.Equal(110, Glance.Order);
        Assert.DoesNotContain("bjoern", Components.OpenStack.OpenStackPackages.PipPackages(config, Glance.Service));
        Assert.Contains("py3-rbd", Components.OpenStack.OpenStackPackages.ApkPackages(config, Glance.Service));
        var registration = Glance.Service.Registration!;
        Assert.Equal(("glance", "glance_password", "glance", "image", 9292), (registration.UserName, registration.PasswordSecret, registration.ServiceName, registration.ServiceType, registration.Port));
        Assert.Equal(["ceph_glance_key", "glance_db_password", "glance_password"], Glance.RequiredSecrets(config).Order(StringComparer.Ordinal));
    }
}
