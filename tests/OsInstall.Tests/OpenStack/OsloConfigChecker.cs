namespace OsInstall.Tests.OpenStack;

/// <summary>
/// Runs oslo_config_check.py (copied beside the test binary) on a rendered OpenStack config file:
/// oslo-config-validator for unknown options, then every option read back through the service's
/// own oslo.config definitions (Debian's python3-&lt;service&gt;, packages in tests/packages.d/openstack.txt).
/// </summary>
internal static class OsloConfigChecker
{
    public static string ScriptDirectory => Path.Combine(AppContext.BaseDirectory, "OpenStack");

    public static string Script => Path.Combine(ScriptDirectory, "oslo_config_check.py");

    /// <param name="service">The service's entry in oslo_services.json.</param>
    /// <param name="content">The rendered file.</param>
    /// <param name="allowList">Another allow-list file (tests of the allow-list itself); default the shipped one.</param>
    public static async Task<(int Exit, string Output)> CheckAsync(string service, string content, string? allowList = null)
    {
        var dir = Directory.CreateTempSubdirectory("osinstall-oslo-");
        try
        {
            var path = Path.Combine(dir.FullName, $"{service}.conf");
            await File.WriteAllTextAsync(path, content);
            string[] args = allowList is null
                ? [Script, "--service", service, "--file", path]
                : [Script, "--service", service, "--file", path, "--allow-list", allowList];
            return await Python.RunAsync(args);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
