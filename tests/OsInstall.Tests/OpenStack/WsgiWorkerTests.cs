using OsInstall.Common.Engine;
using OsInstall.Components;
using OsInstall.Components.Keystone;
using OsInstall.Components.OpenStack;
using OsInstall.Tests.Bind;
using OsInstall.Tests.Prepare;

namespace OsInstall.Tests.OpenStack;

/// <summary>The bjoern runner and the worker services of an API (item 8), and the haproxy backends they make.</summary>
public sealed class WsgiWorkerTests
{
    private static readonly OpenStackService Keystone = new KeystoneInstaller().Service;

    private static IReadOnlyList<ServiceFile> KeystoneFiles(int workers) =>
        WsgiWorkers.Files(ComponentCatalog.Templates, RenderedConfigs.ExampleConfig(c => c.Openstack.BjoernWorkers = workers), Keystone,
            ["/etc/keystone/keystone.conf"]).ToList();

    [Fact]
    public async Task The_runner_compiles_and_imports_what_the_service_defines()
    {
        var runner = WsgiWorkers.RenderRunner(ComponentCatalog.Templates, Keystone, KeystoneInstaller.PublicApi);

        Assert.StartsWith("#!/opt/keystone/bin/python3\n", runner, StringComparison.Ordinal);
        Assert.Contains("from keystone.server.wsgi import initialize_public_application\n", runner, StringComparison.Ordinal);
        Assert.Contains("wsgi_app = initialize_public_application()\n", runner, StringComparison.Ordinal);
        Assert.Contains("bjoern.run(wsgi_app, args.host, args.port)", runner, StringComparison.Ordinal);
        var (exit, output) = await Python.CompileAsync(runner, "keystone-bjoern.py");
        Assert.True(exit == 0, output + "\n" + runner);

        // The import line names a real factory of keystone (Debian's Zed package; bjoern is not packaged, so only the import).
        var api = KeystoneInstaller.PublicApi;
        var (importExit, importOutput) = await Python.RunAsync("-c", $"from {api.Module} import {api.Attribute}; assert callable({api.Attribute})");
        Assert.True(importExit == 0, importOutput);
    }

    [Fact]
    public async Task A_broken_runner_does_not_compile()
    {
        var runner = WsgiWorkers.RenderRunner(ComponentCatalog.Templates, Keystone, KeystoneInstaller.PublicApi)
            .Replace("def main():", "def main()", StringComparison.Ordinal);

        var (exit, _) = await Python.CompileAsync(runner);

        Assert.NotEqual(0, exit);
    }

    [Fact]
    public async Task One_openrc_service_per_worker_on_consecutive_ports_passing_shellcheck()
    {
        var files = KeystoneFiles(3);

        Assert.Equal(["/usr/local/bin/keystone-bjoern", "/etc/init.d/keystone-1", "/etc/init.d/keystone-2", "/etc/init.d/keystone-3"], files.Select(f => f.Path));
        Assert.All(files, f => Assert.Equal("0755", f.Spec.Mode));
        for (var n = 1; n <= 3; n++)
        {
            var script = files.Single(f => f.Path == $"/etc/init.d/keystone-{n}").Content;
            Assert.StartsWith("#!/sbin/openrc-run\n", script, StringComparison.Ordinal);
            Assert.Contains($"command_args='--host 0.0.0.0 --port {5000 + n}'\n", script, StringComparison.Ordinal);
            Assert.Contains("command=/usr/local/bin/keystone-bjoern\n", script, StringComparison.Ordinal);
            Assert.Contains("command_user=keystone:keystone\n", script, StringComparison.Ordinal);
            Assert.Contains("required_files=/etc/keystone/keystone.conf\n", script, StringComparison.Ordinal);
            Assert.Contains("supervisor=supervise-daemon\n", script, StringComparison.Ordinal);
            var (shExit, shOutput) = await Tool.RunAsync("/bin/sh", "-n", "-c", script);
            Assert.True(shExit == 0, shOutput);
            // SC2034: OpenRC reads the variables the script only assigns.
            var (exit, findings) = await ShellCheck.RunAsync(script, "sh", "SC2034");
            Assert.True(exit == 0, findings + "\n" + script);
        }
    }

    [Fact]
    public void Haproxy_gets_every_worker_of_every_container_behind_the_well_known_port()
    {
        var config = RenderedConfigs.ExampleConfig(c => c.Openstack.BjoernWorkers = 2);

        var backend = Assert.Single(new KeystoneInstaller().Backends(config));

        Assert.Equal("keystone", backend.Name);
        Assert.Equal(5000, backend.Port);
        Assert.Equal(BackendMode.Http, backend.Mode);
        Assert.Equal("/v3", backend.CheckPath);
        Assert.Equal(
        [
            new BackendServer("keystone-1-1", "keystone-1.oppp.lab", 5001), new BackendServer("keystone-1-2", "keystone-1.oppp.lab", 5002),
            new BackendServer("keystone-2-1", "keystone-2.oppp.lab", 5001), new BackendServer("keystone-2-2", "keystone-2.oppp.lab", 5002),
            new BackendServer("keystone-3-1", "keystone-3.oppp.lab", 5001), new BackendServer("keystone-3-2", "keystone-3.oppp.lab", 5002),
        ], backend.Servers);
    }

    [Fact]
    public void Two_apis_of_one_container_with_overlapping_worker_ports_are_refused()
    {
        var config = RenderedConfigs.ExampleConfig(c => c.Openstack.BjoernWorkers = 3);
        var service = new OpenStackService
        {
            Name = "nova",
            Apis =
            [
                new WsgiApi("nova-api", "nova.wsgi.osapi_compute", "application", false, 8774, 4000, "/"),
                new WsgiApi("nova-metadata", "nova.wsgi.metadata", "application", false, 8775, 4002, "/"),
            ],
        };

        var error = Assert.Throws<InvalidOperationException>(() => service.CheckWorkerPorts(config));

        Assert.Contains("nova-metadata-1 and nova-api-3 would both listen on port 4003", error.Message, StringComparison.Ordinal);
        config.Openstack.BjoernWorkers = 2;
        service.CheckWorkerPorts(config);
    }

    [Theory]
    [InlineData("keystone api")]
    [InlineData("-keystone")]
    public void An_api_name_that_is_no_service_name_is_refused(string name) =>
        Assert.Throws<ArgumentException>(() => new WsgiApi(name, "keystone.server.wsgi", "initialize_public_application", true, 5000, 5000, "/v3"));

    [Fact]
    public void A_module_that_is_no_python_name_is_refused() =>
        Assert.Throws<ArgumentException>(() => new WsgiApi("keystone", "keystone.server.wsgi; import os", "x", true, 5000, 5000, "/v3"));

    [Fact]
    public async Task Surplus_workers_are_stopped_disabled_and_removed_and_only_those()
    {
        var config = RenderedConfigs.ExampleConfig(c => c.Openstack.BjoernWorkers = 2);
        var command = WsgiWorkers.RemoveSurplusCommand(config, KeystoneInstaller.PublicApi);
        var (exit, findings) = await ShellCheck.RunAsync("#!/bin/sh\n" + command + "\n");
        Assert.True(exit == 0, findings + "\n" + command);

        // Run it for real in a scratch init.d with stub rc-service/rc-update that record their calls.
        var dir = Directory.CreateTempSubdirectory("osinstall-initd-");
        try
        {
            var root = dir.FullName;
            var initd = Path.Combine(root, "init.d");
            Directory.CreateDirectory(initd);
            foreach (var f in new[] { "keystone-1", "keystone-2", "keystone-3", "keystone-12", "keystone-api", "keystoneX-9", "glance-3" })
            {
                await File.WriteAllTextAsync(Path.Combine(initd, f), "");
            }
            var bin = Path.Combine(root, "bin");
            Directory.CreateDirectory(bin);
            foreach (var tool in new[] { "rc-service", "rc-update" })
            {
                var stub = Path.Combine(bin, tool);
                await File.WriteAllTextAsync(stub, $"#!/bin/sh\necho \"{tool} $*\" >> {root}/calls\n");
                File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var scratch = command.Replace(WsgiWorkers.InitDir, initd, StringComparison.Ordinal);
            var (runExit, output) = await Tool.RunAsync("/bin/sh", "-c", $"PATH={bin}:$PATH; {scratch}");

            Assert.True(runExit == 0, output);
            Assert.Equal(["glance-3", "keystone-1", "keystone-2", "keystone-api", "keystoneX-9"],
                Directory.GetFiles(initd).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            var calls = await File.ReadAllLinesAsync(Path.Combine(root, "calls"));
            Assert.Equal(["rc-service --ifstarted keystone-12 stop", "rc-service --ifstarted keystone-3 stop"], calls.Order(StringComparer.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
