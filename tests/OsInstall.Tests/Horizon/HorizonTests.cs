using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Components;
using OsInstall.Components.Haproxy;
using OsInstall.Components.Horizon;
using OsInstall.Components.OpenStack;
using OsInstall.Tests.Bind;
using OsInstall.Tests.Haproxy;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Prepare;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Horizon;

/// <summary>
/// horizon's rendered files checked by what reads them: local_settings.py and the bjoern runner by
/// Debian's python3 (py_compile, and Django itself loading the settings and building the cache and
/// session backends), nginx's config by nginx -t, the OpenRC scripts and commands by shellcheck,
/// haproxy's config with the dashboard's frontend by haproxy -c.
/// </summary>
public sealed class HorizonTests
{
    private const string Nginx = "/usr/sbin/nginx";

    private static readonly HorizonInstaller Horizon = new();

    private static ComponentContext Context(Action<ClusterConfig>? change = null) => RenderedConfigs.Context(RenderedConfigs.ExampleConfig(change));

    [Fact]
    public async Task Local_settings_compiles_and_django_loads_it_with_the_memcached_sessions_keystone_and_key()
    {
        // A hostile key (leading and trailing spaces, quotes, backslashes, '#', '%', '$') and role name: both must read back exactly.
        const string role = " " + OpenStackTestSecrets.HostilePayload + " ";
        const string key = "  " + OpenStackTestSecrets.HostilePayload + " ";
        var secrets = OpenStackTestSecrets.CreateHostile();
        secrets.Set(HorizonInstaller.SecretKeySecret, key);
        var ctx = RenderedConfigs.Context(RenderedConfigs.ExampleConfig(c =>
        {
            c.Cluster.TimeZone = "Europe/Berlin";
            c.Openstack.DemoRole = role;
        }), secrets);
        using var dir = new TempDir("osinstall-horizon-settings");
        var keyFile = dir.File("secret_key");
        await File.WriteAllTextAsync(keyFile, HorizonSettings.SecretKeyFile(ctx));
        var settings = HorizonSettings.Render(ctx, keyFile, dir.File("static"));
        await File.WriteAllTextAsync(dir.File("local_settings.py"), settings);

        var (compileExit, compileOutput) = await Python.RunAsync("-m", "py_compile", dir.File("local_settings.py"));
        Assert.True(compileExit == 0, compileOutput + "\n" + settings);

        var (exit, output) = await Python.RunAsync("-c",
            "import sys, importlib, zoneinfo\n" +
            "sys.path.insert(0, sys.argv[1])\n" +
            "import local_settings as s\n" +
            "from django.conf import settings\n" +
            "settings.configure(**{k: getattr(s, k) for k in dir(s) if k.isupper()})\n" +
            "import django\n" +
            "django.setup()\n" +
            "from django.core.cache import caches\n" +
            "cache = caches['default']\n" +
            "importlib.import_module(settings.SESSION_ENGINE)\n" +
            "zoneinfo.ZoneInfo(settings.TIME_ZONE)\n" +
            "print(type(cache).__name__)\n" +
            "print(','.join(cache._servers))\n" +
            "print(settings.SECRET_KEY == sys.argv[4])\n" +
            "print(settings.OPENSTACK_HOST, settings.OPENSTACK_KEYSTONE_URL, settings.TIME_ZONE)\n" +
            "print(settings.OPENSTACK_KEYSTONE_DEFAULT_ROLE == sys.argv[5])\n" +
            "print(sorted(settings.OPENSTACK_API_VERSIONS.items()))\n" +
            "print(settings.ALLOWED_HOSTS, settings.COMPRESS_OFFLINE, settings.DEBUG, settings.STATIC_ROOT == sys.argv[3])\n" +
            "print(str(settings.SECURITY_GROUP_RULES['all_icmp']['name']), settings.SECURITY_GROUP_RULES['rdp']['from_port'], len(settings.SECURITY_GROUP_RULES))\n",
            dir.Path, keyFile, dir.File("static"), key, role);

        Assert.True(exit == 0, output + "\n" + settings);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "PyMemcacheCache",
            "memcached-1.oppp.lab:11211,memcached-2.oppp.lab:11211,memcached-3.oppp.lab:11211",
            "True",
            "haproxy.oppp.lab http://haproxy.oppp.lab:5000/v3 Europe/Berlin",
            "True",
            "[('identity', 3), ('image', 2), ('volume', 3)]",
            "['*'] True False True",
            "All ICMP 3389 17",
        ], lines[^8..]);
        // The key is read from its file, never written into the settings.
        Assert.DoesNotContain(OpenStackTestSecrets.HostilePayload, settings.Replace(PythonLiteral.Str(role), "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_django_cannot_use_fail_the_same_check()
    {
        // The check above is not a rubber stamp: a cache backend Django does not have fails it.
        var ctx = Context();
        using var dir = new TempDir("osinstall-horizon-settings");
        var keyFile = dir.File("secret_key");
        await File.WriteAllTextAsync(keyFile, "k\n");
        await File.WriteAllTextAsync(dir.File("local_settings.py"),
            HorizonSettings.Render(ctx, keyFile).Replace("PyMemcacheCache", "PyMemcachedCache", StringComparison.Ordinal));

        var (exit, _) = await Python.RunAsync("-c",
            "import sys\nsys.path.insert(0, sys.argv[1])\nimport local_settings as s\nfrom django.conf import settings\n" +
            "settings.configure(**{k: getattr(s, k) for k in dir(s) if k.isupper()})\nimport django\ndjango.setup()\n" +
            "from django.core.cache import caches\ncaches['default']\n",
            dir.Path);

        Assert.NotEqual(0, exit);
    }

    [Fact]
    public async Task Python_literals_evaluate_to_the_exact_strings()
    {
        string[] values = ["plain", "it's", "back\\slash", "quote\"d", "new\nline\ttab\r", "\u00e9t\u00e9 \u20ac", "\u0001\u007f", "$(rm -rf /)", ""];
        var source = "import sys\nvalues = " + PythonLiteral.StrList(values) + "\nfor v in values:\n    sys.stdout.write(v.encode('unicode_escape').decode('ascii') + '\\n')\n";

        var (exit, output) = await Python.RunAsync("-c", source);

        Assert.True(exit == 0, output);
        var expected = values.Select(v => string.Concat(v.Select(ch => ch switch
        {
            '\\' => "\\\\",
            '\n' => "\\n",
            '\t' => "\\t",
            '\r' => "\\r",
            < ' ' or (>= '\u007f' and <= '\u00ff') => $"\\x{(int)ch:x2}",
            > '\u00ff' => $"\\u{(int)ch:x4}",
            _ => ch.ToString(),
        })));
        Assert.Equal(string.Join('\n', expected) + "\n", output);
    }

    [Fact]
    public async Task The_bjoern_runner_compiles_and_hands_the_dashboards_wsgi_application_to_bjoern()
    {
        var runner = WsgiWorkers.RenderRunner(ComponentCatalog.Templates, Horizon.Service, HorizonInstaller.Api);
        var (compileExit, compileOutput) = await Python.CompileAsync(runner, "horizon-bjoern.py");
        Assert.True(compileExit == 0, compileOutput + "\n" + runner);

        // Run it as the worker does, with openstack_dashboard.wsgi and bjoern stood in by modules that record what they get.
        using var dir = new TempDir("osinstall-horizon-runner");
        Directory.CreateDirectory(dir.File("openstack_dashboard"));
        await File.WriteAllTextAsync(dir.File("openstack_dashboard/__init__.py"), "");
        await File.WriteAllTextAsync(dir.File("openstack_dashboard/wsgi.py"), "def application(environ, start_response):\n    return []\n");
        await File.WriteAllTextAsync(dir.File("bjoern.py"),
            "def run(app, host, port):\n    import openstack_dashboard.wsgi as w\n    print('run', app is w.application, host, port)\n");
        await File.WriteAllTextAsync(dir.File("horizon-bjoern"), runner);
        var (exit, output) = await Python.RunAsync("-c",
            "import sys\nsys.path.insert(0, sys.argv[1])\nsys.argv = [sys.argv[2], '--host', '0.0.0.0', '--port', '5002']\n" +
            "exec(compile(open(sys.argv[0]).read(), sys.argv[0], 'exec'), {'__name__': '__main__'})\n",
            dir.Path, dir.File("horizon-bjoern"));

        Assert.True(exit == 0, output + "\n" + runner);
        Assert.Contains("run True 0.0.0.0 5002", output, StringComparison.Ordinal);
        Assert.StartsWith("#!/opt/horizon/bin/python3\n", runner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nginx_config_passes_nginx_t_and_proxies_to_every_worker()
    {
        var ctx = Context(c => c.Openstack.BjoernWorkers = 3);
        using var dir = new TempDir("osinstall-horizon-nginx");
        var (exit, output, site) = await NginxCheckAsync(ctx, dir, s => s);

        Assert.True(exit == 0, output + "\n" + site);
        Assert.Contains("listen 80 default_server;", site, StringComparison.Ordinal);
        Assert.Contains("    server 127.0.0.1:5001;\n    server 127.0.0.1:5002;\n    server 127.0.0.1:5003;\n", site, StringComparison.Ordinal);
        Assert.Contains("location /static/ {\n        alias /var/lib/horizon/static/;", site, StringComparison.Ordinal);
        Assert.Contains("proxy_pass http://horizon_workers;", site, StringComparison.Ordinal);
        var main = HorizonNginx.RenderMain(ctx, HorizonNginx.Alpine);
        Assert.Contains("user nginx;\n", main, StringComparison.Ordinal);
        Assert.Contains("include /etc/nginx/http.d/*.conf;\n", main, StringComparison.Ordinal);
        Assert.Equal(("/etc/nginx/nginx.conf", "/etc/nginx/http.d/default.conf"),
            (HorizonNginx.MainPath(HorizonNginx.Alpine), HorizonNginx.SitePath(HorizonNginx.Alpine)));
    }

    [Fact]
    public async Task A_broken_nginx_config_fails_the_same_check()
    {
        using var dir = new TempDir("osinstall-horizon-nginx");
        var (exit, _, _) = await NginxCheckAsync(Context(), dir, s => s.Replace("proxy_pass http://horizon_workers;", "proxy_pass horizon_workers;", StringComparison.Ordinal));

        Assert.NotEqual(0, exit);
    }

    [Fact]
    public async Task Worker_scripts_and_the_components_commands_pass_shellcheck()
    {
        var ctx = Context(c => c.Openstack.BjoernWorkers = 2);
        var workers = WsgiWorkers.Files(ComponentCatalog.Templates, ctx.Config, Horizon.Service, [HorizonInstaller.SettingsPath, HorizonInstaller.SecretKeyPath])
            .Where(f => f.Path.StartsWith("/etc/init.d/", StringComparison.Ordinal)).ToList();

        Assert.Equal(["/etc/init.d/horizon-1", "/etc/init.d/horizon-2"], workers.Select(w => w.Path));
        Assert.Contains("command=/usr/local/bin/horizon-bjoern\n", workers[1].Content, StringComparison.Ordinal);
        Assert.Contains("command_args='--host 0.0.0.0 --port 5002'\n", workers[1].Content, StringComparison.Ordinal);
        Assert.Contains("command_user=horizon:horizon\n", workers[1].Content, StringComparison.Ordinal);
        Assert.Contains("required_files='/etc/horizon/local_settings.py /etc/horizon/secret_key'\n", workers[0].Content, StringComparison.Ordinal);
        foreach (var script in workers.Select(w => w.Content))
        {
            var (exit, findings) = await ShellCheck.RunAsync(script, "sh", "SC2034");
            Assert.True(exit == 0, findings + "\n" + script);
        }
        foreach (var command in new[]
                 {
                     HorizonStatic.LinkSettingsCommand(Horizon.Service),
                     HorizonStatic.NginxGroupCommand(Horizon.Service, HorizonNginx.Alpine),
                     HorizonStatic.EnsureCommand(Horizon.Service),
                     HorizonInstaller.LoginCheckCommand(ctx.Config),
                 })
        {
            var (exit, findings) = await ShellCheck.RunAsync(command, "sh");
            Assert.True(exit == 0, findings + "\n" + command);
        }
    }

    [Fact]
    public async Task The_static_files_are_built_only_when_the_venv_or_the_settings_changed()
    {
        // The guard runs in a real shell over a scratch root: paths redirected, the build replaced by a counter.
        using var dir = new TempDir("osinstall-horizon-static");
        var root = dir.Path;
        var command = HorizonStatic.EnsureCommand(Horizon.Service)
            .Replace(ServiceAccount.AsService(Horizon.Service, HorizonStatic.BuildCommand(Horizon.Service)), $"echo built >> {root}/builds", StringComparison.Ordinal)
            .Replace("/opt/horizon/", $"{root}/opt/", StringComparison.Ordinal)
            .Replace("/etc/horizon/", $"{root}/etc/", StringComparison.Ordinal)
            .Replace("/var/lib/horizon/", $"{root}/var/", StringComparison.Ordinal);
        Directory.CreateDirectory($"{root}/opt");
        Directory.CreateDirectory($"{root}/etc");
        Directory.CreateDirectory($"{root}/var");
        Assert.DoesNotContain("/opt/horizon/", command, StringComparison.Ordinal);

        async Task<int> Builds()
        {
            var (exit, output) = await Tool.RunAsync("/bin/sh", "-c", command);
            Assert.True(exit == 0 || !File.Exists($"{root}/etc/local_settings.py"), output);
            return File.Exists($"{root}/builds") ? File.ReadAllLines($"{root}/builds").Length : 0;
        }

        Assert.Equal(0, await Builds()); // no settings yet: nothing to build with
        await File.WriteAllTextAsync($"{root}/opt/osinstall-versions", "git horizon stable/2026.1");
        await File.WriteAllTextAsync($"{root}/etc/local_settings.py", "TIME_ZONE = 'UTC'\n");
        Assert.Equal(1, await Builds());
        Assert.Equal(1, await Builds());
        await File.WriteAllTextAsync($"{root}/etc/local_settings.py", "TIME_ZONE = 'Europe/Berlin'\n");
        Assert.Equal(2, await Builds());
        await File.WriteAllTextAsync($"{root}/opt/osinstall-versions", "git horizon stable/2026.2");
        Assert.Equal(3, await Builds());
        Assert.Equal(3, await Builds());
    }

    [Fact]
    public async Task Haproxy_config_with_the_dashboard_and_every_catalog_api_passes_haproxy_check()
    {
        var ctx = HaproxyTestContext.Create();
        var config = ctx.Config;
        var backends = ComponentCatalog.ForConfig(config).OrderBy(c => c.Order).SelectMany(c => c.Backends(config)).ToList();
        Assert.Contains(backends, b => b.Name == "horizon");

        var conf = HaproxyFrontends.Render(ctx, backends);

        await HaproxyConfigTests.AssertValidAsync(conf);
        var start = conf.IndexOf("listen horizon\n", StringComparison.Ordinal);
        Assert.True(start >= 0, conf);
        var end = conf.IndexOf("\nlisten ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? conf[start..] : conf[start..end];
        Assert.Contains("bind :80", section, StringComparison.Ordinal);
        Assert.Contains("http-check send meth GET uri /auth/login/", section, StringComparison.Ordinal);
        foreach (var i in new[] { 1, 2, 3 })
        {
            Assert.Contains($"server horizon-{i} horizon-{i}.{config.Cluster.Domain}:80 check", section, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Horizon_is_order_160_without_database_or_catalog_entry_and_needs_only_its_key()
    {
        var config = RenderedConfigs.ExampleConfig(c => c.Openstack.BjoernWorkers = 2);

        var backend = Assert.Single(Horizon.Backends(config));

        Assert.Equal(("horizon", 80, BackendMode.Http, "/auth/login/"), (backend.Name, backend.Port, backend.Mode, backend.CheckPath));
        Assert.Equal(
        [
            new BackendServer("horizon-1", "horizon-1.oppp.lab", 80),
            new BackendServer("horizon-2", "horizon-2.oppp.lab", 80),
            new BackendServer("horizon-3", "horizon-3.oppp.lab", 80),
        ], backend.Servers);
        Assert.Equal(160, Horizon.Order);
        Assert.Null(Horizon.Service.Database);
        Assert.Null(Horizon.Service.Registration);
        Assert.Equal(["horizon-1", "horizon-2", "nginx"], Horizon.Service.Services(config));
        Assert.Equal(["horizon_secret_key"], Horizon.RequiredSecrets(config));
        Assert.Contains(SecretCatalog.All, s => s.Name == "horizon_secret_key");
        Assert.Contains(ComponentCatalog.All, c => c.Name == "horizon");
        Assert.Equal("http://haproxy.oppp.lab:80/auth/login/", HorizonInstaller.LoginUrl(config));
    }

    /// <summary>
    /// nginx -t on the rendered main config and site, with the config directory redirected to a
    /// scratch one (Debian's mime.types copied in, Debian's www-data as the user).
    /// </summary>
    private static async Task<(int Exit, string Output, string Site)> NginxCheckAsync(ComponentContext ctx, TempDir dir, Func<string, string> edit)
    {
        var conf = dir.File("nginx");
        var layout = new NginxLayout("www-data", conf);
        Directory.CreateDirectory(Path.Combine(conf, "http.d"));
        Directory.CreateDirectory(Path.Combine(conf, "modules"));
        File.Copy("/etc/nginx/mime.types", Path.Combine(conf, "mime.types"));
        var site = edit(HorizonNginx.RenderSite(ctx));
        await File.WriteAllTextAsync(HorizonNginx.MainPath(layout), HorizonNginx.RenderMain(ctx, layout));
        await File.WriteAllTextAsync(HorizonNginx.SitePath(layout), site);
        var (exit, output) = await Tool.RunAsync(Tool.Require(Nginx), "-t", "-p", dir.Path + "/", "-e", dir.File("error.log"), "-c", HorizonNginx.MainPath(layout));
        return (exit, output, site);
    }
}
